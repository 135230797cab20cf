import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";
import type { Config } from "../../config.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "zendesk.note";

/** What a note is about: the case opening, one decision, one close (an appealed case closes again). */
const notePayload = z.discriminatedUnion("occasion", [
  z.object({ occasion: z.literal("opened"), caseId: rowId }),
  z.object({ occasion: z.literal("decision"), caseId: rowId, decisionId: rowId }),
  z.object({ occasion: z.literal("closed"), caseId: rowId, closeSeq: rowId }),
]);

export type ZendeskNoteOccasion = z.output<typeof notePayload>;

/** One internal note per case event: the key names the case and the event, so a retried flow adds no second note. */
export const addZendeskNoteJob = defineJob({
  kind,
  payload: notePayload,
  key: (note) => {
    switch (note.occasion) {
      case "opened":
        return `${kind}:${note.caseId}:opened`;
      case "decision":
        return `${kind}:${note.caseId}:decision:${note.decisionId}`;
      case "closed":
        return `${kind}:${note.caseId}:closed:${note.closeSeq}`;
    }
  },
});

/** Queues the note when Zendesk is configured and the case names a ticket; otherwise nothing is queued. */
export function enqueueZendeskNote(
  tx: Executor,
  config: Config,
  record: CaseRow,
  note: ZendeskNoteOccasion,
  now: number,
) {
  if (!config.zendesk || !record.zendeskTicket) return false;
  return addZendeskNoteJob.enqueue(tx, { caseId: record.id, payload: note, runAt: now }, now);
}
