import { z } from "zod";
import { loadJobCase } from "../../flows/caseJobs.ts";
import type { FlowDeps } from "../../flows/deps.ts";
import { failureNotice } from "../views/caseSummary.ts";

const payload = z.object({ caseId: z.number().int().positive(), jobKind: z.string(), error: z.string() });

/** Job: a DM to the case's opener about a side effect Slack refused for good, when no summary shows it. */
export async function notifyFailure(deps: FlowDeps, raw: unknown): Promise<void> {
  const { jobKind, error } = payload.parse(raw);
  const record = loadJobCase(deps.db, raw);
  await deps.slack.chat.postMessage({ channel: record.createdBy, text: failureNotice(record, jobKind, error) });
}
