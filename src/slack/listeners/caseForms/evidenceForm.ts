import { z } from "zod";
import type { CaseRow } from "../../../../db/schema.ts";
import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS, EVIDENCE_LIMITS } from "../../../core/evidence.ts";
import { formatBytes } from "../../../core/formatBytes.ts";
import { addEvidence } from "../../../flows/evidence/addEvidence.ts";
import { checkEvidenceForm } from "../../../flows/evidence/checkEvidenceForm.ts";
import { submitEvidenceFiles } from "../../../flows/evidence/submitEvidenceFiles.ts";
import { LIMITS, type ModalView, option, plain, section } from "../../views/blocks.ts";
import {
  buildEvidenceRecorded,
  buildEvidenceSubmission,
  EVIDENCE_CALLBACK_ID,
} from "../../views/evidenceFormResults.ts";
import { inputBlock, textInput } from "../../views/inputs.ts";
import { userText } from "../../views/mrkdwn.ts";
import { writeCaseMetadata } from "../caseMetadata.ts";
import { readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

/** Block ids; they equal the form's field names, so field errors map straight to blocks. */
export const EVIDENCE_BLOCK = {
  kind: "kind",
  description: "description",
  source: "source",
  link: "link",
  files: "files",
} as const;

/** The evidence form for one case. Field limits here match `validateEvidenceForm`, which re-checks them. */
export function buildEvidenceModal(record: CaseRow): ModalView {
  return {
    type: "modal" as const,
    callback_id: EVIDENCE_CALLBACK_ID,
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

/** A file_input's state: Slack reports the uploaded files as objects; the bot uses only their ids. */
const fileInputValues = z.object({
  [EVIDENCE_BLOCK.files]: z
    .record(z.string(), z.object({ files: z.array(z.object({ id: z.string().min(1) })).nullish() }))
    .optional(),
});

function readFileIds(values: unknown): string[] {
  const block = fileInputValues.parse(values)[EVIDENCE_BLOCK.files] ?? {};
  return Object.values(block).flatMap((element) => (element.files ?? []).map((f) => f.id));
}

/**
 * The evidence form. Without files the entry is recorded before the answer; with files the answer comes at
 * once ("saving…", Slack waits only 3 s) and a job fetches them, then updates this view (fetchEvidenceFiles).
 */
export const EVIDENCE_FORM = {
  permission: "evidence.add",
  button: { label: "Add evidence", actionId: "add_evidence" },
  callbackId: EVIDENCE_CALLBACK_ID,
  build: (_deps, record) => buildEvidenceModal(record),
  submit: async (deps, { userId, viewId, caseId, values, state }) => {
    const form = checkEvidenceForm(deps, {
      caseId,
      userId,
      viewId,
      form: {
        kind: readText(values, EVIDENCE_BLOCK.kind),
        description: readText(values, EVIDENCE_BLOCK.description),
        source: readText(values, EVIDENCE_BLOCK.source),
        link: readText(values, EVIDENCE_BLOCK.link),
        files: readFileIds(state),
      },
    });
    if (form.recorded) return buildEvidenceRecorded(form.recorded);
    if (form.draft.files.length > 0) return buildEvidenceSubmission(submitEvidenceFiles(deps, form));
    return buildEvidenceRecorded(addEvidence(deps, form, []));
  },
  fallbackBlock: EVIDENCE_BLOCK.kind,
} satisfies CaseForm;
