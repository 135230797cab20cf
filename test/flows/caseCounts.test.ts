import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stepsToClose } from "../../src/core/caseClose.ts";
import { DomainError } from "../../src/core/domainError.ts";
import { type CaseStatus, isOpenStatus } from "../../src/core/lifecycle.ts";
import { SEVERITIES, type Severity } from "../../src/core/severity.ts";
import { recordCaseChange } from "../../src/flows/cases/caseChange.ts";
import { changeStatus, statusChoices } from "../../src/flows/cases/changeStatus.ts";
import { closeCase } from "../../src/flows/cases/closeCase.ts";
import { listCases } from "../../src/flows/cases/findCases.ts";
import { loadHomeData } from "../../src/flows/home/loadHomeData.ts";
import { getCase, updateCase } from "../../src/store/cases.ts";
import { inTransaction } from "../../src/store/database.ts";
import { moveCase } from "../support/caseState.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { seededRandom } from "../support/seededRandom.ts";

interface CountRow {
  status: CaseStatus;
  severity: Severity;
  n: number;
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const rows = (query: string) => h.desk.database.sqlite.prepare(query).all() as CountRow[];
/** What the triggers kept; a pair's row stays at 0 once its cases have moved on. */
const kept = () => rows("SELECT status, severity, n FROM case_counts WHERE n <> 0 ORDER BY status, severity");
/** The truth the counts must match: every case, counted now. */
const counted = () =>
  rows("SELECT status, severity, count(*) AS n FROM cases GROUP BY status, severity ORDER BY status, severity");

/** What App Home's queue and the list's total must show: open cases by severity, counted from the cases. */
function openBySeverity(): Record<string, number> {
  const open: Record<string, number> = {};
  for (const row of counted()) if (isOpenStatus(row.status)) open[row.severity] = (open[row.severity] ?? 0) + row.n;
  return open;
}

function expectCountsKept(step: string): void {
  expect(kept(), step).toEqual(counted());
  const open = openBySeverity();
  expect(loadHomeData(h.desk.deps, USERS.lead).queue, step).toEqual(open);
  const total = Object.values(open).reduce((sum, n) => sum + n, 0);
  expect(listCases(h.desk.deps, { userId: USERS.lead, page: 1 }).total, step).toBe(total);
}

async function openCaseByIntake(severity: Severity): Promise<number> {
  const before = h.desk.database.sqlite.prepare("SELECT max(id) FROM cases").pluck().get() as number | null;
  // A service-quality dispute starts at SEV4, so intake takes any severity for it (a severity only goes up).
  const values = intakeValues({ category: "service-quality", severity, title: `A ${severity} case` });
  const { status, body } = await submitIntake(h, values);
  expect(status).toBe(200);
  expect(body).toMatchObject({ response_action: "update" });
  const id = h.desk.database.sqlite.prepare("SELECT max(id) FROM cases").pluck().get() as number;
  expect(id).toBeGreaterThan(before ?? 0);
  expect(getCase(h.desk.deps.db, id)?.severity).toBe(severity);
  return id;
}

const humanIdOf = (id: number) => getCase(h.desk.deps.db, id)?.humanId ?? "";
const close = (id: number, viewId: string) =>
  closeCase(h.desk.deps, { userId: USERS.lead, caseId: id, viewId, summary: "Settled.", outcome: "no_violation" });

describe("the kept case counts (case_counts)", () => {
  it("counts each case the intake form opens, so App Home's queue and the list's total show it", async () => {
    await openCaseByIntake("sev2");
    await openCaseByIntake("sev2");
    await openCaseByIntake("sev4");
    expect(kept().reduce((sum, row) => sum + row.n, 0)).toBe(3);
    expectCountsKept("after three intakes");
  });

  it("moves a case's count with its status: a change, a close, a reopen by appeal, and a merge", async () => {
    const first = await openCaseByIntake("sev3");
    const second = await openCaseByIntake("sev3");
    changeStatus(h.desk.deps, { userId: USERS.lead, caseId: first, status: "investigating", note: null });
    expectCountsKept("after a status change");
    close(first, "V0CLOSE1");
    expectCountsKept("after a close, which records resolved then closed");
    moveCase(h, humanIdOf(first), "appealed", USERS.lead);
    expectCountsKept("after a reopen by appeal");
    moveCase(h, humanIdOf(second), "merged", USERS.lead);
    expectCountsKept("after a merge");
    expect(kept().find((row) => row.status === "merged")?.n).toBe(1);
  });

  it("moves a case's count when its severity changes, and not when a write sets the same status and severity", async () => {
    const id = await openCaseByIntake("sev3");
    updateCase(h.desk.deps.db, id, { severity: "sev1" });
    expectCountsKept("after sev3 became sev1");
    const record = getCase(h.desk.deps.db, id);
    updateCase(h.desk.deps.db, id, { status: record?.status, severity: record?.severity, updatedAt: 1 });
    expectCountsKept("after a write that changed neither");
    updateCase(h.desk.deps.db, id, { status: "triage", severity: "sev2" });
    expectCountsKept("after both changed in one write");
  });

  it("keeps no count of a transaction that rolled back after writing cases", async () => {
    const id = await openCaseByIntake("sev2");
    const before = kept();
    expect(() =>
      inTransaction(h.desk.deps.db, (tx) => {
        const record = getCase(tx, id);
        if (!record) throw new Error("the case is gone");
        recordCaseChange(tx, record, {
          actor: USERS.lead,
          at: h.clock.now(),
          kind: "status_changed",
          payload: {},
          moveTo: "merged",
        });
        updateCase(tx, id, { severity: "sev1" });
        throw new Error("a later step of the flow failed");
      }),
    ).toThrow("a later step of the flow failed");
    expect(kept()).toEqual(before);
    expectCountsKept("after the rollback");
  });

  it("matches a count over every case after each step of a random run of intakes, moves, closes and reopens", async () => {
    const random = seededRandom(2026);
    const ids: number[] = [];
    let refused = 0;
    const steps = 40;
    for (let step = 0; step < steps; step++) {
      const id = ids.length > 0 ? random.pick(ids) : undefined;
      const record = id === undefined ? undefined : getCase(h.desk.deps.db, id);
      const action = record ? random.int(5) : 0;
      try {
        if (action === 0 || !record) ids.push(await openCaseByIntake(random.pick(SEVERITIES)));
        else if (action === 1) {
          const choices = statusChoices(record.status);
          const status = choices.length > 0 ? random.pick(choices) : "investigating";
          changeStatus(h.desk.deps, { userId: USERS.lead, caseId: record.id, status, note: null });
        } else if (action === 2) close(record.id, `V0CLOSE${step}`);
        else if (action === 3) {
          const reopen = record.status === "closed" ? "appealed" : stepsToClose(record.status)?.[0];
          moveCase(h, record.humanId, reopen ?? "merged", USERS.lead);
        } else updateCase(h.desk.deps.db, record.id, { severity: random.pick(SEVERITIES) });
      } catch (error) {
        // A move the lifecycle refuses writes nothing: the counts must still match.
        if (!(error instanceof DomainError)) throw error;
        refused += 1;
      }
      expectCountsKept(`step ${step}, action ${action}`);
    }
    expect(refused).toBeLessThan(steps / 2);
    expect(new Set(kept().map((row) => row.status)).size).toBeGreaterThan(3);
  });
});
