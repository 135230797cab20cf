import { hash } from "node:crypto";

/** prev_hash of the first event of every case. */
export const GENESIS_HASH = "0".repeat(64);

export interface HashedEventFields {
  caseId: number;
  seq: number;
  at: number;
  actor: string;
  kind: string;
  /** The payload as stored: its canonical JSON (see canonicalJson). */
  payloadJson: string;
}

/** JSON with object keys sorted at every depth, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * The canonical JSON of the whole event, built around the stored payload text: the same string as
 * canonicalJson({ actor, at, caseId, kind, payload, seq }), without parsing the payload again, so
 * verifying a long case costs one SHA-256 per event.
 */
export function canonicalEventJson(event: HashedEventFields): string {
  const { actor, at, caseId, kind, payloadJson, seq } = event;
  return `{"actor":${JSON.stringify(actor)},"at":${at},"caseId":${caseId},"kind":${JSON.stringify(kind)},"payload":${payloadJson},"seq":${seq}}`;
}

/** SHA-256 of the previous hash then the event's canonical JSON; one-shot hashing halves what verify spends here. */
export function hashEvent(prevHash: string, event: HashedEventFields): string {
  return hash("sha256", prevHash + canonicalEventJson(event), "hex");
}

export interface StoredEvent extends HashedEventFields {
  prevHash: string;
  hash: string;
}

export type ChainVerdict = { ok: true; events: number } | { ok: false; seq: number; reason: string };

/** Where a partly verified chain stands: the last verified event's seq and hash. */
export interface ChainLink {
  seq: number;
  hash: string;
}

export const CHAIN_START: ChainLink = { seq: 0, hash: GENESIS_HASH };

/**
 * Seq → the hash of an event as retention rewrote it (personal data replaced by a marker), from the chained
 * `personal_data_redacted` event that sealed it: the original hash still links the chain, the seal covers what is left.
 */
export type ChainSeals = ReadonlyMap<number, string>;

export const SEALING_EVENT_KIND = "personal_data_redacted";
const NO_SEALS: ChainSeals = new Map();

/** The seals the sealing events among `events` record, each only for events before it. */
export function sealsOf(events: readonly Pick<HashedEventFields, "seq" | "kind" | "payloadJson">[]): ChainSeals {
  const seals = new Map<number, string>();
  for (const event of events) {
    if (event.kind !== SEALING_EVENT_KIND) continue;
    const listed: unknown = (JSON.parse(event.payloadJson) as { seals?: unknown }).seals;
    for (const seal of Array.isArray(listed) ? listed : []) {
      const { seq, hash } = seal as { seq?: unknown; hash?: unknown };
      if (typeof seq === "number" && typeof hash === "string" && seq < event.seq) seals.set(seq, hash);
    }
  }
  return seals;
}

/**
 * Verifies the events that follow `from`, in order, so a long chain can be checked a slice at a time;
 * answers where the chain stands after them, or the first link that does not hold. A sealed event must
 * hash to its seal as it now reads; its stored hash is what the next event links to.
 */
export function verifyChainSlice(
  from: ChainLink,
  events: readonly StoredEvent[],
  seals: ChainSeals = NO_SEALS,
): { ok: true; link: ChainLink } | Extract<ChainVerdict, { ok: false }> {
  let link = from;
  for (const event of events) {
    if (event.seq !== link.seq + 1) return { ok: false, seq: event.seq, reason: `expected event #${link.seq + 1}` };
    if (event.prevHash !== link.hash) return { ok: false, seq: event.seq, reason: "prev_hash does not match" };
    const expected = seals.get(event.seq) ?? event.hash;
    if (hashEvent(link.hash, event) !== expected) {
      return {
        ok: false,
        seq: event.seq,
        reason: seals.has(event.seq) ? "does not match its seal" : "hash does not match",
      };
    }
    link = { seq: event.seq, hash: event.hash };
  }
  return { ok: true, link };
}

/** Recomputes a case's chain in order and names the first link that does not hold. */
export function verifyChain(events: readonly StoredEvent[]): ChainVerdict {
  const verdict = verifyChainSlice(CHAIN_START, events, sealsOf(events));
  return verdict.ok ? { ok: true, events: verdict.link.seq } : verdict;
}
