import { z } from "zod";
import { failureNotice } from "../slack/views/caseSummary.ts";
import { loadJobCase } from "./caseJobs.ts";
import type { FlowDeps } from "./deps.ts";

const payload = z.object({ caseId: z.number().int().positive(), jobKind: z.string(), error: z.string() });

/** Job: a DM to the case's opener about a side effect Slack refused for good, when no summary shows it. */
export async function notifyFailure(deps: FlowDeps, raw: unknown): Promise<void> {
  const { jobKind, error } = payload.parse(raw);
  const record = loadJobCase(deps.db, raw);
  await deps.slack.chat.postMessage({ channel: record.createdBy, text: failureNotice(record, jobKind, error) });
}
