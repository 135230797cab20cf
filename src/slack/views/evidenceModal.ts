import type { CaseRow } from "../../../db/schema.ts";
import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS, EVIDENCE_LIMITS } from "../../core/evidence.ts";
import { formatBytes } from "../../core/formatBytes.ts";
import type { AddEvidenceResult } from "../../flows/evidence/addEvidence.ts";
import { CALLBACK, COMMAND, EVIDENCE_BLOCK } from "../ids.ts";
import { writeCaseMetadata } from "../listeners/caseMetadata.ts";
import { context, LIMITS, type ModalView, option, plain, section } from "./blocks.ts";
import { fileLine } from "./evidenceReplies.ts";
import { inputBlock, textInput } from "./inputs.ts";
import { userText } from "./mrkdwn.ts";

/** The evidence form for one case. Field limits here match `validateEvidenceForm`, which re-checks them. */
export function buildEvidenceModal(record: CaseRow): ModalView {
  return {
    type: "modal" as const,
    callback_id: CALLBACK.evidence,
    private_metadata: writeCaseMetadata(record),
    title: plain("Add evidence", LIMITS.modalTitle),
    submit: plain("Record", LIMITS.modalTitle),
    close: plain("Cancel", LIMITS.modalTitle),
    blocks: [
      section(`*${record.humanId}* · ${userText(record.title, 200)}`),
      inputBlock(EVIDENCE_BLOCK.kind, "Kind", {
        type: "static_select",
        placeholder: plain("What is it?", 150),
        options: EVIDENCE_KINDS.map((k) => option(EVIDENCE_KIND_LABELS[k], k)),
      }),
      inputBlock(
        EVIDENCE_BLOCK.description,
        "Description",
        textInput("What it shows and why it matters", EVIDENCE_LIMITS.descriptionMax, true),
      ),
      inputBlock(
        EVIDENCE_BLOCK.source,
        "Source",
        textInput("Who provided it, or where it comes from", EVIDENCE_LIMITS.sourceMax),
        { hint: "e.g. reporter by email, Zendesk ticket 482113, payments dashboard" },
      ),
      inputBlock(
        EVIDENCE_BLOCK.link,
        "Link",
        { type: "url_text_input", placeholder: plain("https://…", 150) },
        { optional: true, hint: "Required for kind Link. http(s) addresses only." },
      ),
      inputBlock(
        EVIDENCE_BLOCK.files,
        "Files",
        { type: "file_input", max_files: EVIDENCE_LIMITS.filesMax },
        {
          optional: true,
          hint: `Up to ${EVIDENCE_LIMITS.filesMax} files of ${formatBytes(EVIDENCE_LIMITS.fileBytesMax)} each. The bot keeps a copy and its SHA-256; a redaction later deletes the copy and keeps the hash.`,
        },
      ),
    ],
  };
}

/** What the form turns into once the entry is recorded. */
export function buildEvidenceRecorded(result: AddEvidenceResult): ModalView {
  const { record, entry, files } = result;
  return {
    type: "modal" as const,
    callback_id: CALLBACK.evidence,
    private_metadata: writeCaseMetadata(record),
    title: plain("Evidence recorded", LIMITS.modalTitle),
    close: plain("Done", LIMITS.modalTitle),
    blocks: [
      section(`:white_check_mark: *E${entry.seq} recorded* on *${record.humanId}*.`),
      ...(files.length > 0 ? [section(files.map((f) => fileLine(f, false)).join("\n"))] : []),
      context(`The case summary shows it shortly; \`${COMMAND} evidence list\` shows every entry.`),
    ],
  };
}
