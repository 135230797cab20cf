import { describe, expect, it } from "vitest";
import { POLICY_CLAUSES, type PolicyClauseId } from "../../src/core/categories.ts";
import { categoriesCoveredBy, POLICY_CLAUSE_TEXT } from "../../src/core/policyClauses.ts";

const ids = Object.keys(POLICY_CLAUSES) as PolicyClauseId[];

describe("the policy clause catalog", () => {
  it.each(ids)("%s has a one-line text that fits a Slack option description", (id) => {
    const text = POLICY_CLAUSE_TEXT[id];
    expect(text.length).toBeGreaterThan(10);
    expect(text.length).toBeLessThanOrEqual(75);
  });

  it.each(ids)("%s covers at least one category", (id) => {
    expect(categoriesCoveredBy(id).length).toBeGreaterThan(0);
  });

  it("knows which categories a clause covers", () => {
    expect(categoriesCoveredBy("GT-1")).toContain("property-damage");
    expect(categoriesCoveredBy("CG-1.1")).toContain("physical-safety");
  });
});
