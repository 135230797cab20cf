import { describe, expect, it } from "vitest";
import { pendingJobCount } from "../../src/store/jobs.ts";
import { useSlaDesk } from "../support/slaDesk.ts";

const desk = useSlaDesk();
const QUEUED_CHECKS = 1_000;

describe("the job runner under a deep queue", () => {
  it("answers /healthz while a thousand database-only jobs are still queued", async () => {
    await desk.openSev2();
    desk.h.desk.database.sqlite
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO jobs (kind, payload, case_id, idempotency_key, run_at, max_attempts, created_at)
         SELECT 'sla.check', '{"caseId":1}', 1, 'sla.check:1:deep' || i, 0, 12, 0 FROM n`,
      )
      .run(QUEUED_CHECKS);

    desk.h.desk.scheduler.start();
    const health = await fetch(`${desk.h.baseUrl}/healthz`);
    const stillQueued = pendingJobCount(desk.h.desk.database.db);
    expect(health.status).toBe(200);
    expect(stillQueued).toBeGreaterThan(QUEUED_CHECKS / 2);
    // The rest would only slow the app's stop, which lets the runner drain what is due.
    desk.h.desk.database.sqlite.prepare("DELETE FROM jobs WHERE leased_by IS NULL AND done_at IS NULL").run();
  });
});
