import { describe, expect, it } from "vitest";
import { SLA_SWEEP_WINDOW } from "../../src/flows/sla/slaReminders.ts";
import { USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { MINUTE, useSlaDesk } from "../support/slaDesk.ts";

const desk = useSlaDesk();

// More closed cases than two sweep windows hold, so the second open case lies windows away from the first.
const CLOSED_HISTORY = 2 * SLA_SWEEP_WINDOW + 100;

/** Years of closed cases, as a long-lived database holds them: copies of case 1, resolved in 2016-2025. */
function addClosedHistory(count: number): void {
  desk.h.desk.database.sqlite
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO cases (human_id, year, seq, category, category_version, severity, status, title, description,
                          source, created_by, created_at, updated_at)
       SELECT printf('TS-%d-%04d', 2016 + i % 10, i), 2016 + i % 10, i, category, category_version, severity,
              'closed', title, description, source, created_by, created_at, updated_at
       FROM n, cases WHERE cases.id = 1`,
    )
    .run(count);
}

const jobKeys = (kind: string) =>
  desk
    .sql<{ key: string }>("SELECT idempotency_key AS key FROM jobs WHERE kind = ? ORDER BY id", kind)
    .map((j) => j.key);

describe("SLA watch at start", () => {
  it("queues one sweep at start and checks each open case of a long history once, one window of case ids per job", async () => {
    const first = await desk.openSev2("Opened before the upgrade");
    addClosedHistory(CLOSED_HISTORY);
    desk.h.clock.set(first + 10 * MINUTE);
    await desk.openSev2("Opened ten minutes later");
    const lastId = CLOSED_HISTORY + 2;
    // As a database from before SLA clocks holds them: no check ever ran and nothing is watched.
    desk.h.desk.database.sqlite.prepare("DELETE FROM jobs WHERE kind LIKE 'sla.%'").run();
    desk.h.desk.database.sqlite.prepare("DELETE FROM sla_watch").run();

    await desk.h.restart();
    // Start itself queues no check: it only leaves the sweep to the job runner.
    expect(jobKeys("sla.check")).toEqual([]);
    expect(desk.sql("SELECT payload FROM jobs WHERE kind = 'sla.sweep'")).toEqual([
      { payload: JSON.stringify({ occasion: "startup", afterId: 0, throughId: lastId }) },
    ]);

    await desk.h.settle();
    const windows = Math.ceil(lastId / SLA_SWEEP_WINDOW);
    expect(jobKeys("sla.sweep")).toEqual(
      Array.from({ length: windows }, (_, w) => `sla.sweep:startup:${w * SLA_SWEEP_WINDOW}`),
    );
    expect(jobKeys("sla.check").filter((key) => key.endsWith(":startup"))).toEqual([
      "sla.check:1:startup",
      `sla.check:${lastId}:startup`,
    ]);

    // Both open cases are watched again: at 125 minutes the first has breached, the second is at 96 %.
    desk.h.clock.set(first + 125 * MINUTE);
    await desk.h.settle();
    await desk.h.driver.event({ event: { type: "app_home_opened", user: USERS.lead, tab: "home" } });
    await expect.poll(() => desk.h.fake.homeView(USERS.lead)).toBeDefined();
    const home = jsonText(desk.h.fake.homeView(USERS.lead)?.blocks);
    expect(home).toContain("*TS-2026-0001* · SEV2 · Theft · :red_circle: First response breached 5 min ago");
    expect(home).toContain("*TS-2026-0002* · SEV2 · Theft · :warning: First response");

    // A later start sweeps nothing again.
    await desk.h.restart();
    await desk.h.settle();
    expect(jobKeys("sla.sweep")).toHaveLength(windows);
  });
});
