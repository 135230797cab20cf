import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildHomeView } from "../../src/slack/views/homeView.ts";
import { insertCase } from "../../src/store/cases.ts";
import { type DatabaseHandle, inTransaction, openDatabase } from "../../src/store/database.ts";
import { casesAtRiskBy, saveSlaWatch } from "../../src/store/slaWatch.ts";
import { jsonText } from "../support/jsonText.ts";

const NOW = Date.UTC(2026, 10, 25, 12);
const MINUTE = 60_000;
const DAY_MS = 24 * 60 * MINUTE;
const READ = { limit: 10, countUpTo: 50 };

describe("the SLA-at-risk read of App Home", () => {
  let dir: string;
  let database: DatabaseHandle;
  let seq = 0;

  /** A case whose watched clock reaches 90 % at `riskAt` and is due at `dueAt`. */
  const watchedCase = (clock: { riskAt: number | null; dueAt: number | null }, status: "new" | "closed" = "new") =>
    inTransaction(database.db, (tx) => {
      seq += 1;
      const record = insertCase(tx, {
        humanId: `TS-2026-${String(seq).padStart(4, "0")}`,
        year: 2026,
        seq,
        category: "theft",
        categoryVersion: "v",
        severity: "sev2",
        status,
        title: "t",
        description: "d",
        source: "phone",
        createdBy: "U1",
        createdAt: NOW - DAY_MS,
        updatedAt: NOW - DAY_MS,
      });
      saveSlaWatch(tx, { caseId: record.id, ...clock, checkedAt: NOW - DAY_MS });
      return record.humanId;
    });
  /** `count` open cases at risk, due a minute apart from `firstDue` on, returned in the order opened. */
  const atRiskCases = (count: number, firstDue: number) =>
    Array.from({ length: count }, (_, i) => watchedCase({ riskAt: NOW - MINUTE, dueAt: firstDue + i * MINUTE }));

  beforeEach(() => {
    seq = 0;
    dir = mkdtempSync(join(tmpdir(), "sla-watch-"));
    database = openDatabase(join(dir, "cases.sqlite"));
  });
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists the soonest due first, skipping clocks not yet at risk and cases no longer open", () => {
    const later = atRiskCases(3, NOW + 10 * MINUTE);
    watchedCase({ riskAt: NOW + MINUTE, dueAt: NOW + 2 * MINUTE });
    watchedCase({ riskAt: null, dueAt: null });
    watchedCase({ riskAt: NOW - 60 * MINUTE, dueAt: NOW - 30 * MINUTE }, "closed");
    const overdue = watchedCase({ riskAt: NOW - 60 * MINUTE, dueAt: NOW - 5 * MINUTE });

    const risk = casesAtRiskBy(database.db, NOW, READ);
    expect(risk.cases.map((c) => c.humanId)).toEqual([overdue, ...later]);
    expect(risk).toMatchObject({ total: 4, moreThanCounted: false });
  });

  it("counts up to the cap exactly, and past it says only that there are more", () => {
    const first = atRiskCases(50, NOW);
    const exactly = casesAtRiskBy(database.db, NOW, READ);
    expect(exactly.cases.map((c) => c.humanId)).toEqual(first.slice(0, 10));
    expect(exactly).toMatchObject({ total: 50, moreThanCounted: false });

    atRiskCases(1, NOW - DAY_MS);
    expect(casesAtRiskBy(database.db, NOW, READ)).toMatchObject({ total: 50, moreThanCounted: true });
  });

  it("shows a capped count on the Home tab as that many or more", () => {
    const home = (moreThanCounted: boolean) =>
      jsonText(
        buildHomeView({
          mine: [],
          mineScope: "own",
          queue: { sev1: 0, sev2: 60, sev3: 0, sev4: 0 },
          atRisk: { shown: [], total: 50, moreThanCounted },
          onCall: undefined,
          now: NOW,
        }).blocks,
      );
    expect(home(true)).toContain("50+ more at risk not shown.");
    expect(home(false)).toContain("50 more at risk not shown.");
  });
});
