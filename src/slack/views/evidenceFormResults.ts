import type { CaseRow } from "../../../db/schema.ts";
import type { AddEvidenceResult } from "../../flows/evidence/addEvidence.ts";
import type { EvidenceSubmission } from "../../flows/evidence/loadEvidenceSubmission.ts";
import { COMMAND } from "../ids.ts";
import { writeCaseMetadata } from "../listeners/caseMetadata.ts";
import { context, LIMITS, type ModalView, plain, section } from "./blocks.ts";
import { fileLine } from "./evidenceReplies.ts";
import { userText } from "./mrkdwn.ts";

export const EVIDENCE_CALLBACK_ID = "evidence_add";

function resultView(record: CaseRow, title: string, blocks: ModalView["blocks"]): ModalView {
  return {
    type: "modal" as const,
    callback_id: EVIDENCE_CALLBACK_ID,
    private_metadata: writeCaseMetadata(record),
    title: plain(title, LIMITS.modalTitle),
    close: plain("Done", LIMITS.modalTitle),
    blocks,
  };
}

/** What the form turns into once the entry is recorded. */
export function buildEvidenceRecorded(result: AddEvidenceResult): ModalView {
  const { record, entry, files } = result;
  return resultView(record, "Evidence recorded", [
    section(`:white_check_mark: *E${entry.seq} recorded* on *${record.humanId}*.`),
    ...(files.length > 0 ? [section(files.map((f) => fileLine(f, false)).join("\n"))] : []),
    context(`The case summary shows it shortly; \`${COMMAND} evidence list\` shows every entry.`),
  ]);
}

/** The answer to a form with files, and what the job puts in its place once they are fetched (or not). */
export function buildEvidenceSubmission(submission: EvidenceSubmission): ModalView {
  const { record, state } = submission;
  if ("recorded" in state) return buildEvidenceRecorded(state.recorded);
  if ("notSaved" in state) {
    return resultView(record, "Evidence not saved", [
      section(`:x: ${evidenceSubmissionText(submission)}`),
      context("The attempt is on the case timeline. Add the evidence again with the files uploaded anew."),
    ]);
  }
  return resultView(record, "Saving evidence", [
    section(`:hourglass_flowing_sand: ${evidenceSubmissionText(submission)}`),
    context("This view says when the entry is recorded. If you close it, the bot tells you by direct message."),
  ]);
}

/** The submission's state in one line: the modal's headline, and the DM once the modal is closed. */
export function evidenceSubmissionText({ record, draft, state }: EvidenceSubmission): string {
  if ("recorded" in state) return `*E${state.recorded.entry.seq} recorded* on *${record.humanId}*.`;
  if ("notSaved" in state) return `*Evidence not recorded* on *${record.humanId}*: ${userText(state.notSaved, 2000)}`;
  const count = draft.files.length === 1 ? "1 file" : `${draft.files.length} files`;
  return `*Saving ${count}…* for *${record.humanId}*.`;
}
