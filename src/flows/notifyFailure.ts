import { z } from "zod";
import { caseHeadline, jobLabel } from "../slack/views/caseSummary.ts";
import { userText } from "../slack/views/mrkdwn.ts";
import { loadJobCase } from "./caseJobs.ts";
import type { FlowDeps } from "./deps.ts";

const payload = z.object({ caseId: z.number().int().positive(), jobKind: z.string(), error: z.string() });

/** Job: a DM to the case's opener about a side effect Slack refused for good, when no summary shows it. */
export async function notifyFailure(deps: FlowDeps, raw: unknown): Promise<void> {
  const { jobKind, error } = payload.parse(raw);
  const record = loadJobCase(deps.db, raw);
  await deps.slack.chat.postMessage({
    channel: record.createdBy,
    text:
      `:warning: ${caseHeadline(record)} is recorded, but Slack refused ${jobLabel(jobKind)}: ` +
      `\`${userText(error, 200)}\`. Ask an admin to check the bot's access (is it in the triage channel?). ` +
      `\`/incident status ${record.humanId}\` shows the case meanwhile.`,
  });
}
