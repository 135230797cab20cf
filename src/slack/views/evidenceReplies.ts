import type { EvidenceFileRow } from "../../../db/schema.ts";
import { EVIDENCE_KIND_LABELS, type EvidenceEntryKind, REDACTION_KIND } from "../../core/evidence.ts";
import { formatBytes } from "../../core/formatBytes.ts";
import type { EvidenceListEntry, EvidenceListing } from "../../flows/evidence/loadEvidenceListing.ts";
import type { RedactEvidenceResult } from "../../flows/evidence/redactEvidence.ts";
import { COMMAND } from "../ids.ts";
import { type Block, capBlocks, LIMITS, section } from "./blocks.ts";
import { type EphemeralReply, ephemeral } from "./commandReplies.ts";
import { mention, slackDate, userText } from "./mrkdwn.ts";

/** Enough of a SHA-256 to tell files apart at a glance; the full hash is in the record. */
export const shortHash = (sha256: string) => sha256.slice(0, 12);

export const evidenceKindLabel = (kind: EvidenceEntryKind) =>
  kind === REDACTION_KIND ? kind : EVIDENCE_KIND_LABELS[kind];

export function fileLine(file: EvidenceFileRow, bytesGone: boolean): string {
  const gone = bytesGone ? " · _bytes deleted_" : "";
  return `• ${userText(file.name, 80)} · ${formatBytes(file.size)} · \`${shortHash(file.sha256)}\`${gone}`;
}

// Budgets keep one entry's section under Slack's 3000 characters even with ten files.
function entryText({ entry, files, redaction }: EvidenceListEntry): string {
  const lines = [
    `*E${entry.seq}* · ${evidenceKindLabel(entry.kind)} · added ${slackDate(entry.addedAt)} by ${mention(entry.addedBy)}`,
    userText(entry.description, 700),
    `_Source:_ ${userText(entry.source, 200)}`,
    ...(entry.link ? [`_Link:_ ${userText(entry.link, 200)}`] : []),
    ...files.map((f) => fileLine(f, redaction !== undefined)),
    ...(redaction
      ? [
          `:no_entry_sign: *Redacted* ${slackDate(redaction.addedAt)} by ${mention(redaction.addedBy)} (E${redaction.seq}): ${userText(redaction.description, 400)}`,
        ]
      : []),
  ];
  return lines.join("\n");
}

/** `/incident evidence list`: one section per entry, within a message's 50 blocks. */
export function evidenceListReply(listing: EvidenceListing): EphemeralReply {
  const { humanId } = listing.record;
  if (listing.entries.length === 0) {
    return ephemeral(`No evidence on ${humanId} yet. Add some with \`${COMMAND} evidence ${humanId}\`.`);
  }
  const blocks: Block[] = [
    section(`*Evidence on ${humanId}* (${listing.entries.length})`),
    ...listing.entries.map((e) => section(entryText(e))),
  ];
  return ephemeral(
    `${listing.entries.length} evidence entries on ${humanId}`,
    capBlocks(blocks, LIMITS.blocksPerMessage),
  );
}

export function redactionReply(result: RedactEvidenceResult): EphemeralReply {
  const { record, target, redaction, files, bytesRemoved } = result;
  const kept = new Set(files.map((f) => f.sha256)).size - bytesRemoved.length;
  const bytes =
    files.length === 0
      ? "It had no files."
      : `Deleted the bytes of ${bytesRemoved.length} file${bytesRemoved.length === 1 ? "" : "s"}; the hashes stay in the record.`;
  const keptNote =
    kept > 0 ? ` ${kept} identical file${kept === 1 ? " is" : "s are"} kept: another entry still holds them.` : "";
  return ephemeral(`E${target.seq} on ${record.humanId} is redacted (E${redaction.seq}). ${bytes}${keptNote}`);
}
