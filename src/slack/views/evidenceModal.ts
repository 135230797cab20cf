import type { CaseRow } from "../../../db/schema.ts";
import {
  type AddEvidenceResult,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  EVIDENCE_LIMITS,
} from "../../flows/addEvidence.ts";
import { CALLBACK, COMMAND, EVIDENCE_BLOCK, INPUT_ACTION } from "../ids.ts";
import { writeCaseMetadata } from "../listeners/caseMetadata.ts";
import { type Block, context, LIMITS, type ModalView, option, plain, section } from "./blocks.ts";
import { fileLine, formatBytes } from "./evidenceReplies.ts";
import { userText } from "./mrkdwn.ts";

function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  opts: { optional?: boolean; hint?: string } = {},
): Block {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label, 2000),
    optional: opts.optional ?? false,
    element: { action_id: INPUT_ACTION, ...element },
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
  };
}

const textInput = (placeholder: string, maxLength: number, multiline = false) => ({
  type: "plain_text_input",
  placeholder: plain(placeholder, 150),
  max_length: maxLength,
  multiline,
});

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
      input(EVIDENCE_BLOCK.kind, "Kind", {
        type: "static_select",
        placeholder: plain("What is it?", 150),
        options: EVIDENCE_KINDS.map((k) => option(EVIDENCE_KIND_LABELS[k], k)),
      }),
      input(
        EVIDENCE_BLOCK.description,
        "Description",
        textInput("What it shows and why it matters", EVIDENCE_LIMITS.descriptionMax, true),
      ),
      input(
        EVIDENCE_BLOCK.source,
        "Source",
        textInput("Who provided it, or where it comes from", EVIDENCE_LIMITS.sourceMax),
        { hint: "e.g. reporter by email, Zendesk ticket 482113, payments dashboard" },
      ),
      input(
        EVIDENCE_BLOCK.link,
        "Link",
        { type: "url_text_input", placeholder: plain("https://…", 150) },
        { optional: true, hint: "Required for kind Link. http(s) addresses only." },
      ),
      input(
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
