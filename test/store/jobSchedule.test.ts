/**
 * The job runner's reads of the queue, on a real migrated file: when it should wake next, whether a held-back
 * kind has work, and which jobs it may claim, each against the rule it implements written out in plain SQL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/store/database.ts";
import { dueJobsInClaimOrder, enqueueJob, hasDueJobOfKind, nextJobDueAfter } from "../../src/store/jobs.ts";

const NOW = 1_800_000_000_000;

let dir: string;
let handle: DatabaseHandle;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "job-schedule-"));
  handle = openDatabase(join(dir, "jobs.sqlite"));
});

afterEach(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Row {
  kind?: string;
  runAt: number;
  leaseUntil?: number;
  done?: boolean;
  failed?: boolean;
  priority?: number;
}

let keys = 0;
function put(row: Row): number {
  keys += 1;
  enqueueJob(handle.db, { kind: row.kind ?? "k", payload: {}, key: `key-${keys}`, runAt: row.runAt }, 0);
  const id = Number(handle.sqlite.prepare("SELECT max(id) AS id FROM jobs").pluck().get());
  handle.sqlite
    .prepare("UPDATE jobs SET lease_until = ?, done_at = ?, failed_at = ?, priority = ? WHERE id = ?")
    .run(row.leaseUntil ?? null, row.done ? 1 : null, row.failed ? 1 : null, row.priority ?? 4, id);
  return id;
}

/** The rule as first written: the earliest moment after `now` a pending job is due and unleased. */
function wakeByRule(now: number): number | undefined {
  const at = handle.sqlite
    .prepare(
      `SELECT min(max(run_at, coalesce(lease_until, 0))) FROM jobs
       WHERE done_at IS NULL AND failed_at IS NULL AND max(run_at, coalesce(lease_until, 0)) > ?`,
    )
    .pluck()
    .get(now);
  return at === null ? undefined : Number(at);
}

describe("the job runner's reads of the queue", () => {
  it("wakes for the earliest of a planned job and a running lease, as the rule over every pending job says", () => {
    put({ runAt: NOW + 5_000 });
    put({ runAt: NOW - 10, leaseUntil: NOW + 3_000 });
    put({ runAt: NOW - 10, leaseUntil: NOW - 1 }); // a crashed worker's lease: due now, not later
    put({ runAt: NOW + 1_000, done: true });
    put({ runAt: NOW + 500, failed: true });
    for (const now of [NOW - 20, NOW, NOW + 2_000, NOW + 3_000, NOW + 4_000, NOW + 6_000]) {
      expect(nextJobDueAfter(handle.db, now), `at ${now - NOW}`).toBe(wakeByRule(now));
    }
    expect(nextJobDueAfter(handle.db, NOW)).toBe(NOW + 3_000);
    expect(nextJobDueAfter(handle.db, NOW + 6_000)).toBeUndefined();
  });

  it("wakes at a lease's end when a leased job was also planned later than it", () => {
    put({ runAt: NOW + 2_000, leaseUntil: NOW + 1_000 });
    put({ runAt: NOW + 9_000 });
    expect(nextJobDueAfter(handle.db, NOW)).toBe(wakeByRule(NOW));
    expect(nextJobDueAfter(handle.db, NOW)).toBe(NOW + 2_000);
  });

  it("finds a held-back kind's due job, and none that is planned, leased or of another kind", () => {
    put({ kind: "war_room.create", runAt: NOW + 1 });
    put({ kind: "war_room.create", runAt: NOW - 1, leaseUntil: NOW + 1 });
    put({ kind: "summary.post", runAt: NOW - 1 });
    expect(hasDueJobOfKind(handle.db, NOW, "war_room.create")).toBe(false);
    put({ kind: "war_room.create", runAt: NOW - 5, leaseUntil: NOW - 1 });
    expect(hasDueJobOfKind(handle.db, NOW, "war_room.create")).toBe(true);
  });

  it("claims by priority, then due time, then queue order, skipping held-back kinds and busy cases", () => {
    const late = put({ runAt: NOW - 1, priority: 1 });
    const early = put({ runAt: NOW - 9, priority: 1 });
    const sameTime = put({ runAt: NOW - 9, priority: 1 });
    const sev3 = put({ runAt: NOW - 100, priority: 3 });
    put({ runAt: NOW - 100, priority: 2, kind: "held" });
    put({ runAt: NOW + 1, priority: 1 });
    const order = dueJobsInClaimOrder(handle.db, { now: NOW, limit: 10, skipKinds: ["held"], skipCases: [] });
    expect(order.map((job) => job.id)).toEqual([early, sameTime, late, sev3]);
    const two = dueJobsInClaimOrder(handle.db, { now: NOW, limit: 2, skipKinds: [], skipCases: [] });
    expect(two.map((job) => job.id)).toEqual([early, sameTime]);
  });
});
