/**
 * `/incident verify` over a long case: verifyCaseChain, as the command runs it (slices read and hashed, the event
 * loop free between them), timed over repeated runs on a case with `events` events; the CPU it spent is reported
 * beside the wall time, which on a loaded machine also holds the waits between slices.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyCaseChain } from "../src/flows/cases/verifyCaseChain.ts";
import { insertCase } from "../src/store/cases.ts";
import { inTransaction, openDatabase } from "../src/store/database.ts";
import { appendEvent } from "../src/store/events.ts";
import { type LatencySummary, summarize } from "./stats.ts";

export interface VerifyResult {
  events: number;
  latency: LatencySummary;
  /** CPU time per verify (ms, all threads), which waiting for a core does not inflate. */
  cpu: LatencySummary;
  intact: boolean;
}

export async function measureVerify(options: { events: number; runs: number }): Promise<VerifyResult> {
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
    const cpuSamples: number[] = [];
    let intact = true;
    for (let run = 0; run < options.runs; run++) {
      const [started, cpuStarted] = [performance.now(), process.cpuUsage()];
      const { verdict } = await verifyCaseChain(database.db, caseId);
      samples.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuStarted);
      cpuSamples.push((cpu.user + cpu.system) / 1000);
      intact &&= verdict.ok;
    }
    return { events: options.events, latency: summarize(samples), cpu: summarize(cpuSamples), intact };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
