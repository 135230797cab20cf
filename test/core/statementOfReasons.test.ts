import { describe, expect, it } from "vitest";
import { categoryById, policyClauseTitle } from "../../src/core/categories.ts";
import { POLICY_CLAUSE_TEXT } from "../../src/core/policyClauses.ts";
import { SANCTION_RUNG_IDS, type SanctionRung } from "../../src/core/sanctions.ts";
import {
  buildStatementOfReasons,
  characterCount,
  restrictsSomething,
  type StatementInput,
} from "../../src/core/statementOfReasons.ts";
import { checkStatement } from "../support/dsaStatementRules.ts";

const harassment = categoryById("harassment");
if (!harassment) throw new Error("catalog lost harassment");
const ALL_CLAUSES = Object.keys(POLICY_CLAUSE_TEXT);
const DAY = 24 * 60 * 60_000;
const APPLIES = Date.UTC(2026, 2, 4, 10, 30);

const input = (overrides: Partial<StatementInput> = {}): StatementInput => ({
  rung: "suspension_7d",
  clauses: ["CG-2.1"],
  facts: "The pro sent threats after the job.",
  category: harassment,
  reportedByUser: true,
  contentAt: Date.UTC(2026, 2, 1, 22),
  appliesAt: APPLIES,
  endsAt: APPLIES + 7 * DAY,
  puid: "TS-2026-0001-D1",
  ...overrides,
});

describe("statements of reasons", () => {
  it.each([
    ["review_removal", { decision_visibility: ["DECISION_VISIBILITY_CONTENT_REMOVED"] }],
    ["lead_pause", { decision_provision: "DECISION_PROVISION_PARTIAL_SUSPENSION" }],
    ["payout_hold", { decision_monetary: "DECISION_MONETARY_SUSPENSION" }],
    ["badge_removal", { decision_visibility: ["DECISION_VISIBILITY_CONTENT_DEMOTED"] }],
    [
      "permanent_removal",
      { decision_provision: "DECISION_PROVISION_TOTAL_TERMINATION", decision_account: "DECISION_ACCOUNT_TERMINATED" },
    ],
  ] as const)("maps %s to its restrictions, with no end date", (rung, restrictions) => {
    const statement = buildStatementOfReasons(input({ rung, endsAt: null }));
    expect(statement).toMatchObject(restrictions);
    expect(Object.keys(statement).filter((k) => k.startsWith("end_date"))).toEqual([]);
    expect(checkStatement({ ...statement })).toEqual([]);
  });

  it.each([
    ["suspension_7d", 7, "2026-03-11"],
    ["suspension_30d", 30, "2026-04-03"],
    ["suspension_90d", 90, "2026-06-02"],
  ] as const)("gives %s an end date on both restrictions it sets", (rung, days, end) => {
    const statement = buildStatementOfReasons(input({ rung, endsAt: APPLIES + days * DAY }));
    expect(statement).toMatchObject({
      decision_provision: "DECISION_PROVISION_TOTAL_SUSPENSION",
      decision_account: "DECISION_ACCOUNT_SUSPENDED",
      end_date_service_restriction: end,
      end_date_account_restriction: end,
    });
    expect(statement).not.toHaveProperty("end_date_visibility_restriction");
    expect(statement).not.toHaveProperty("end_date_monetary_restriction");
    expect(checkStatement({ ...statement })).toEqual([]);
  });

  it("counts only warnings and overturns to none as restricting nothing", () => {
    const nothing = SANCTION_RUNG_IDS.filter((rung: SanctionRung) => !restrictsSomething(rung));
    expect(nothing).toEqual(["none", "warning"]);
  });

  it("dates the content by when it happened, not by the decision", () => {
    expect(buildStatementOfReasons(input()).content_date).toBe("2026-03-01");
    expect(buildStatementOfReasons(input()).application_date).toBe("2026-03-04");
  });

  it("keeps a content date the database refuses inside its range (2000-01-01 at the earliest)", () => {
    expect(buildStatementOfReasons(input({ contentAt: Date.UTC(1999, 11, 31) })).content_date).toBe("2000-01-01");
  });

  it("refuses to date a decision before 2020, which the database cannot take", () => {
    expect(() => buildStatementOfReasons(input({ appliesAt: Date.UTC(2019, 11, 31), endsAt: null }))).toThrow(
      "outside what the DSA database accepts",
    );
  });

  it("fits every clause of the catalog into the 500-character ground, and names each one in the explanation", () => {
    const statement = buildStatementOfReasons(input({ clauses: ALL_CLAUSES }));
    expect(characterCount(statement.incompatible_content_ground)).toBeLessThanOrEqual(500);
    for (const clause of ALL_CLAUSES) {
      expect(statement.incompatible_content_ground).toContain(clause);
      expect(statement.incompatible_content_explanation).toContain(`${clause} ${policyClauseTitle(clause)}`);
    }
    expect(checkStatement({ ...statement })).toEqual([]);
  });

  it("says how many clauses a ground leaves out rather than cutting one in half", () => {
    const clauses = Array.from({ length: 40 }, (_, i) => `X-${String(i).padStart(2, "0")}-${"é".repeat(20)}`);
    const statement = buildStatementOfReasons(input({ clauses }));
    const ground = statement.incompatible_content_ground;
    expect(characterCount(ground)).toBeLessThanOrEqual(500);
    const named = clauses.filter((c) => ground.includes(c)).length;
    expect(named).toBeGreaterThan(0);
    expect(ground).toContain(`and ${clauses.length - named} more clauses`);
    expect(checkStatement({ ...statement })).toEqual([]);
  });

  it("bounds the facts in characters, never splitting one", () => {
    const facts = buildStatementOfReasons(input({ facts: "😀".repeat(5001) })).decision_facts;
    expect(characterCount(facts)).toBe(5000);
    expect(facts).toBe("😀".repeat(5000));
  });

  it("names no source identity and marks the platform's own detection as voluntary", () => {
    const statement = buildStatementOfReasons(input({ reportedByUser: false }));
    expect(statement.source_type).toBe("SOURCE_VOLUNTARY");
    expect(statement).not.toHaveProperty("source_identity");
  });
});
