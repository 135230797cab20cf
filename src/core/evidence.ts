import { z } from "zod";
import { DomainError } from "./domainError.ts";
import { cleanText } from "./text.ts";

/** Evidence entries (DESIGN §3): their kinds, limits and the checks on the form. */

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

/** A redaction is an entry of its own kind, never offered on the form. */
export const REDACTION_KIND = "redaction";
export const EVIDENCE_ENTRY_KINDS = [...EVIDENCE_KINDS, REDACTION_KIND] as const;
export type EvidenceEntryKind = (typeof EVIDENCE_ENTRY_KINDS)[number];

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
  const parsed = evidenceForm.safeParse({
    ...raw,
    link,
    description: cleanText(raw.description),
    source: cleanText(raw.source),
  });
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
