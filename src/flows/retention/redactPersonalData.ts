import type { CaseRow } from "../../../db/schema.ts";
import { canonicalJson, hashEvent, verifyChain } from "../../core/auditHash.ts";
import { isRedactionDue, type RetentionFacts, redactPayload, retentionDaysOf } from "../../core/retention.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { decisionSourcesOfCase } from "../../store/decisionExportTexts.ts";
import { appendEvent, eventsOfCase, toStoredEvent } from "../../store/events.ts";
import { blobExists, deleteBlob } from "../../store/evidenceBlobs.ts";
import {
  activeLegalHold,
  blobHashesOfCase,
  closedAtOfCase,
  isBlobHeldElsewhere,
  isCaseRedacted,
  markCaseRedacted,
  redactCaseTexts,
  redactCaseWorkTexts,
  redactEvidenceTexts,
  redactUnsharedAccountNames,
  sealEventPayload,
} from "../../store/retention.ts";
import { redactZendeskTicketIds } from "../../store/zendesk.ts";
import { loadJobCase } from "../cases/loadJobCase.ts";
import type { FlowDeps } from "../deps.ts";
import type { PayloadOf } from "../jobs/defineJob.ts";
import type { redactPersonalDataJob } from "../jobs/redactPersonalData.ts";
import { storeRenderedDecisions } from "../sanctions/decisionTexts.ts";

/** Where the case stands for the retention rule, read in the transaction that acts on it. */
export function retentionFactsOf(tx: Executor, record: CaseRow): RetentionFacts {
  return {
    category: record.category,
    status: record.status,
    closedAt: closedAtOfCase(tx, record.id),
    held: activeLegalHold(tx, record.id) !== undefined,
    redacted: isCaseRedacted(tx, record.id),
  };
}

/**
 * Job: once the case's period is over (closed, not held, not yet redacted), in one transaction replaces its
 * personal data with a marker, keeps every hash, seals each rewritten timeline event and records what went
 * (names and counts) on the timeline. Blob bytes go last, inside the transaction: if deleting fails, nothing changed.
 */
export async function redactPersonalData(
  deps: FlowDeps,
  payload: PayloadOf<typeof redactPersonalDataJob>,
): Promise<void> {
  // Queued while it was on (a plan, a released hold): nothing is redacted while an operator has it off.
  if (!deps.config.retention.redact) return;
  const now = deps.clock.now();
  const done = inTransaction(deps.db, (tx) => {
    const record = loadJobCase(tx, payload);
    const facts = retentionFactsOf(tx, record);
    if (!isRedactionDue(facts, now)) return undefined;
    const verdict = verifyChain(eventsOfCase(tx, record.id).map(toStoredEvent));
    // Sealing a broken chain would vouch for whatever changed it: an operator must look first.
    if (!verdict.ok) throw new Error(`${record.humanId}: record chain broken at #${verdict.seq}, not redacted`);
    markCaseRedacted(tx, record.id, now);
    const fields: Record<string, number> = {};
    const seals = sealTimeline(tx, record.id, fields);
    const { zendeskTicket, holdReasons } = redactCaseTexts(tx, record.id);
    const zendeskIds = redactZendeskTicketIds(tx, record.id);
    Object.assign(fields, {
      "case.title": 1,
      "case.description": 1,
      "case.zendeskTicket": zendeskTicket,
      "zendesk_tickets.ticket_id": zendeskIds.links,
      "zendesk_deliveries.ticket_id": zendeskIds.deliveries,
      "legal_hold.reason": holdReasons,
    });
    const evidenceTexts = redactEvidenceTexts(tx, record.id);
    Object.assign(fields, {
      "evidence.description": evidenceTexts.entries,
      "evidence.source": evidenceTexts.entries,
      "evidence.link": evidenceTexts.links,
      "evidence_file.name": evidenceTexts.files,
      "account.displayName": redactUnsharedAccountNames(tx, record.id),
      ...redactCaseWorkTexts(tx, record.id),
    });
    // The export texts carry the facts as typed: written again from the redacted proposals.
    storeRenderedDecisions(tx, decisionSourcesOfCase(tx, record.id));
    const bytesToDelete = blobHashesOfCase(tx, record.id).filter(
      (sha) => !isBlobHeldElsewhere(tx, sha, record.id) && blobExists(deps.config.evidenceDir, sha),
    );
    appendEvent(tx, {
      caseId: record.id,
      at: now,
      actor: deps.botUserId,
      kind: "personal_data_redacted",
      payload: {
        retentionDays: retentionDaysOf(record.category),
        closedAt: facts.closedAt ?? now,
        fields: Object.fromEntries(Object.entries(fields).filter(([, n]) => n > 0)),
        evidenceBytesDeleted: bytesToDelete.length,
        seals,
      },
    });
    for (const sha of bytesToDelete) deleteBlob(deps.config.evidenceDir, sha);
    return { humanId: record.humanId, events: seals.length, blobs: bytesToDelete.length };
  });
  if (done) deps.log.info({ caseId: done.humanId, events: done.events, blobs: done.blobs }, "personal data redacted");
}

/** Rewrites each event holding personal data to its redacted payload; the seal is its hash as it now reads. */
function sealTimeline(
  tx: Executor,
  caseId: number,
  fields: Record<string, number>,
): Array<{ seq: number; hash: string }> {
  const seals: Array<{ seq: number; hash: string }> = [];
  for (const event of eventsOfCase(tx, caseId)) {
    const redacted = redactPayload(event.kind, JSON.parse(event.payload) as Record<string, unknown>);
    if (Object.keys(redacted.fields).length === 0) continue;
    const payloadJson = canonicalJson(redacted.payload);
    sealEventPayload(tx, event, payloadJson);
    seals.push({ seq: event.seq, hash: hashEvent(event.prevHash, { ...toStoredEvent(event), payloadJson }) });
    for (const [name, count] of Object.entries(redacted.fields))
      fields[`timeline.${name}`] = (fields[`timeline.${name}`] ?? 0) + count;
  }
  return seals;
}
