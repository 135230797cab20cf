/**
 * `/incident verify` over a long case: read every event of the case from SQLite and recompute the hash
 * chain, the work the verify command does, timed over repeated runs on a case with `events` events.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyChain } from "../src/core/auditHash.ts";
import { insertCase } from "../src/store/cases.ts";
import { inTransaction, openDatabase } from "../src/store/database.ts";
import { appendEvent, eventsOfCase, toStoredEvent } from "../src/store/events.ts";
import { type LatencySummary, summarize } from "./stats.ts";

export interface VerifyResult {
  events: number;
  latency: LatencySummary;
  intact: boolean;
}

export function measureVerify(options: { events: number; runs: number }): VerifyResult {
  const dir = mkdtempSync(join(tmpdir(), "incident-desk-verify-"));
  const database = openDatabase(join(dir, "verify.sqlite"));
  try {
    const at = Date.UTC(2026, 10, 25);
    const caseId = inTransaction(database.db, (tx) => {
      const record = insertCase(tx, {
        humanId: "TS-2026-0001",
        year: 2026,
        seq: 1,
        category: "payment-fraud",
        categoryVersion: "bench",
        severity: "sev2",
        status: "investigating",
        title: "bench",
        description: "bench",
        source: "internal",
        createdBy: "U0BENCH",
        createdAt: at,
        updatedAt: at,
      });
      for (let i = 0; i < options.events; i++) {
        const event = { caseId: record.id, at: at + i * 1000, actor: "U0BENCH" };
        const note = `${i}: a realistic payload of a few dozen characters`;
        if (i % 3 === 0) {
          const file = { name: "bench.pdf", sha256: "ab".repeat(32), size: 1024, mimeType: "application/pdf" };
          appendEvent(tx, {
            ...event,
            kind: "evidence_added",
            payload: {
              viewId: `V${i}`,
              seq: i,
              kind: "document",
              description: note,
              source: null,
              link: null,
              files: [file],
            },
          });
        } else {
          appendEvent(tx, { ...event, kind: "status_changed", payload: { note } });
        }
      }
      return record.id;
    });
    const samples: number[] = [];
    let intact = true;
    for (let run = 0; run < options.runs; run++) {
      const started = performance.now();
      const verdict = verifyChain(eventsOfCase(database.db, caseId).map(toStoredEvent));
      samples.push(performance.now() - started);
      intact &&= verdict.ok;
    }
    return { events: options.events, latency: summarize(samples), intact };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
