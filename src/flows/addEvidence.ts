import { z } from "zod";
import type { CaseRow, EvidenceFileRow, EvidenceRow } from "../../db/schema.ts";
import { DomainError, fail } from "../core/domainError.ts";
import { classifyFailure } from "../scheduler/slackFailure.ts";
import { formatBytes } from "../slack/views/evidenceReplies.ts";
import { getCase } from "../store/cases.ts";
import { type Executor, inTransaction } from "../store/database.ts";
import {
  evidenceSeqAddedByView,
  filesOfEvidence,
  getEvidenceBySeq,
  insertEvidence,
  insertEvidenceFiles,
  isBlobHeldByLiveEvidence,
  nextEvidenceSeq,
} from "../store/evidence.ts";
import { blobExists, deleteBlob, storeBlob } from "../store/evidenceBlobs.ts";
import { recordCaseChange } from "./caseChange.ts";
import { caseFromModal } from "./caseForAction.ts";
import type { FlowDeps } from "./deps.ts";

export const EVIDENCE_KINDS = [
  "screenshot",
  "photo",
  "message_log",
  "payment_record",
  "call_note",
  "document",
  "link",
  "zendesk_ticket",
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  screenshot: "Screenshot",
  photo: "Photo",
  message_log: "Message log",
  payment_record: "Payment record",
  call_note: "Call note",
  document: "Document",
  link: "Link",
  zendesk_ticket: "Zendesk ticket",
};

export const EVIDENCE_LIMITS = {
  descriptionMax: 3000,
  sourceMax: 200,
  linkMax: 2000,
  filesMax: 10,
  fileBytesMax: 10 * 1024 * 1024,
  /** Slack wants the modal answered within 3 s; a stalled download must not hold the form forever. */
  downloadTimeoutMs: 20_000,
} as const;

/** What the evidence form sent; field names are the modal's block ids. */
export interface EvidenceFormRaw {
  kind: string | null;
  description: string | null;
  source: string | null;
  link: string | null;
  files: string[];
}

const isHttpUrl = (text: string) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);

const evidenceForm = z.object({
  kind: z.enum(EVIDENCE_KINDS, { message: "Pick what kind of evidence this is." }),
  description: z
    .string()
    .trim()
    .min(1, "Describe what this shows and why it matters.")
    .max(
      EVIDENCE_LIMITS.descriptionMax,
      `Keep the description to ${EVIDENCE_LIMITS.descriptionMax} characters or fewer.`,
    ),
  source: z
    .string()
    .trim()
    .min(1, "Say who provided it or where it comes from.")
    .max(EVIDENCE_LIMITS.sourceMax, `Keep the source to ${EVIDENCE_LIMITS.sourceMax} characters or fewer.`),
  link: z
    .string()
    .trim()
    .max(EVIDENCE_LIMITS.linkMax, `Links can be at most ${EVIDENCE_LIMITS.linkMax} characters.`)
    .refine(isHttpUrl, "Enter a full web address starting with https:// or http://.")
    .nullable(),
  files: z.array(z.string().min(1)).max(EVIDENCE_LIMITS.filesMax, `Attach at most ${EVIDENCE_LIMITS.filesMax} files.`),
});
export type EvidenceDraft = z.infer<typeof evidenceForm>;

/** Checks the form; reports every bad field at once, keyed by field (= block id). */
export function validateEvidenceForm(raw: EvidenceFormRaw): EvidenceDraft {
  const link = raw.link?.trim() ? raw.link : null;
  const parsed = evidenceForm.safeParse({ ...raw, link, description: raw.description ?? "", source: raw.source ?? "" });
  const errors: Record<string, string> = {};
  for (const issue of parsed.error?.issues ?? []) {
    const field = String(issue.path[0] ?? "description");
    errors[field] ??= issue.message;
  }
  if (raw.kind === "link" && !link) errors.link ??= "Evidence of kind Link needs the link.";
  if (!parsed.success || Object.keys(errors).length > 0) {
    throw new DomainError("invalid_input", "Some fields need another look.", { fields: errors });
  }
  return parsed.data;
}

export interface AddEvidenceInput {
  caseId: number;
  userId: string;
  /** The modal's view id: a second submission of the same view returns the first entry. */
  viewId: string;
  form: EvidenceFormRaw;
}

export interface AddEvidenceResult {
  record: CaseRow;
  entry: EvidenceRow;
  files: EvidenceFileRow[];
  created: boolean;
}

/**
 * Downloads and stores the form's files first (outside any transaction: it is network work), then
 * records the entry, its files and one timeline event in one transaction. Nothing is recorded when a
 * file fails, and bytes this attempt wrote that nothing holds are removed again.
 */
export async function addEvidence(deps: FlowDeps, input: AddEvidenceInput): Promise<AddEvidenceResult> {
  const record = caseFromModal(deps, input.userId, input.caseId, "evidence.add");
  const draft = validateEvidenceForm(input.form);
  const earlier = recordedFromView(deps.db, record, input.viewId);
  if (earlier) return earlier;

  const files = await downloadAll(deps, draft.files);
  let result: AddEvidenceResult;
  try {
    result = inTransaction(deps.db, (tx): AddEvidenceResult => {
      const current = getCase(tx, record.id) ?? fail("not_found", "That case no longer exists.");
      const again = recordedFromView(tx, current, input.viewId);
      if (again) return again;
      for (const file of files) {
        // A redaction may have removed the same bytes while this form was downloading them.
        if (!blobExists(deps.config.evidenceDir, file.sha256)) {
          fail("conflict", `${file.name} was removed while it was being saved. Submit the form again.`, {
            field: "files",
          });
        }
      }
      const at = deps.clock.now();
      const entry = insertEvidence(tx, {
        caseId: current.id,
        seq: nextEvidenceSeq(tx, current.id),
        kind: draft.kind,
        description: draft.description,
        source: draft.source,
        link: draft.link,
        addedBy: input.userId,
        addedAt: at,
      });
      const rows = insertEvidenceFiles(
        tx,
        files.map(({ sha256, name, size, mimeType, slackFileId }) => ({
          evidenceId: entry.id,
          sha256,
          name,
          size,
          mimeType,
          slackFileId,
          uploadedBy: input.userId,
        })),
      );
      const updated = recordCaseChange(tx, current, {
        actor: input.userId,
        at,
        kind: "evidence_added",
        payload: {
          viewId: input.viewId,
          seq: entry.seq,
          kind: entry.kind,
          description: entry.description,
          source: entry.source,
          link: entry.link,
          files: rows.map((f) => ({ name: f.name, sha256: f.sha256, size: f.size, mimeType: f.mimeType })),
        },
      });
      return { record: updated, entry, files: rows, created: true };
    });
  } catch (error) {
    removeUnheld(deps, files);
    throw error;
  }
  if (result.created) {
    deps.log.info({ caseId: result.record.humanId, evidence: result.entry.seq, files: files.length }, "evidence added");
    deps.wakeScheduler();
  }
  return result;
}

function recordedFromView(tx: Executor, record: CaseRow, viewId: string): AddEvidenceResult | undefined {
  const seq = evidenceSeqAddedByView(tx, record.id, viewId);
  const entry = seq === undefined ? undefined : getEvidenceBySeq(tx, record.id, seq);
  return entry && { record, entry, files: filesOfEvidence(tx, [entry.id]), created: false };
}

interface DownloadedFile {
  sha256: string;
  size: number;
  name: string;
  mimeType: string;
  slackFileId: string;
  /** This attempt wrote the bytes (they were not on disk before). */
  created: boolean;
}

/** Every file, in parallel; if one fails, the ones that did arrive are removed again and the errors reported. */
async function downloadAll(deps: FlowDeps, fileIds: string[]): Promise<DownloadedFile[]> {
  const settled = await Promise.allSettled(fileIds.map((id) => downloadSlackFile(deps, id)));
  const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
  if (failures.length === 0) return settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  removeUnheld(
    deps,
    settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : [])),
  );
  const unexpected = failures.find((f) => !(f instanceof DomainError));
  if (unexpected) throw unexpected;
  const messages = [...new Set(failures.map((f) => (f as DomainError).message))];
  return fail("invalid_input", messages.join(" "), { field: "files" });
}

function removeUnheld(deps: FlowDeps, files: DownloadedFile[]): void {
  for (const file of files) {
    if (file.created && !isBlobHeldByLiveEvidence(deps.db, file.sha256))
      deleteBlob(deps.config.evidenceDir, file.sha256);
  }
}

/** What the bot needs from `files.info`; parsed, since it comes from outside. */
const slackFileInfo = z.object({
  file: z.object({
    id: z.string(),
    name: z.string().min(1).catch("unnamed file"),
    mimetype: z.string().min(1).catch("application/octet-stream"),
    size: z.number().int().nonnegative(),
    url_private: z.url({ protocol: /^https?$/ }),
  }),
});

const fileError = (message: string): never => fail("invalid_input", message, { field: "files" });

async function downloadSlackFile(deps: FlowDeps, fileId: string): Promise<DownloadedFile> {
  const max = EVIDENCE_LIMITS.fileBytesMax;
  const answer = await deps.slack.files
    .info({ file: fileId })
    .catch((error: unknown) =>
      fileError(`Slack did not show the bot an uploaded file (${classifyFailure(error).detail}).`),
    );
  const parsed = slackFileInfo.safeParse(answer);
  if (!parsed.success) return fileError("Slack described an uploaded file in a way the bot did not understand.");
  const { file } = parsed.data;
  const name = file.name.length > 80 ? `${file.name.slice(0, 79)}…` : file.name;
  const tooLarge = (size: string) => `${name} is ${size}; each file can be at most ${formatBytes(max)}.`;
  if (file.size > max) fileError(tooLarge(formatBytes(file.size)));

  const failed = (error: unknown) => fileError(`Downloading ${name} failed (${describeFetchError(error)}). Try again.`);
  const refused = `Slack did not let the bot download ${name}: it sent its sign-in page, so the bot token was not accepted.`;
  // Never follow a redirect: it would carry the bot token elsewhere, and from Slack it means "sign in".
  const response = await fetch(file.url_private, {
    headers: { Authorization: `Bearer ${deps.config.slack.botToken}` },
    redirect: "manual",
    signal: AbortSignal.timeout(EVIDENCE_LIMITS.downloadTimeoutMs),
  }).catch(failed);
  const html = (response.headers.get("content-type") ?? "").toLowerCase().startsWith("text/html");
  if ((response.status >= 300 && response.status < 400) || (response.ok && html)) {
    await response.body?.cancel();
    fileError(refused);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    fileError(`Downloading ${name} failed: Slack answered HTTP ${response.status}.`);
  }

  async function* counted(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    let seen = 0;
    try {
      for await (const chunk of body) {
        seen += chunk.byteLength;
        // The size files.info reported is a claim; the bytes that arrive are the fact.
        if (seen > max) fileError(tooLarge(`more than ${formatBytes(max)}`));
        yield chunk;
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      failed(error);
    }
  }
  const stored = await storeBlob(deps.config.evidenceDir, counted(response.body as AsyncIterable<Uint8Array>));
  return { ...stored, name: file.name, mimeType: file.mimetype, slackFileId: file.id };
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "Slack took too long to send it";
  return error instanceof Error ? error.message : "network error";
}
