import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/domainError.ts";
import { type IntakeRaw, validateIntake } from "../../src/core/intake.ts";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

const valid: IntakeRaw = {
  title: "Pro threatened customer after job",
  category: "harassment",
  severity: null,
  description: "Customer reports threatening texts after a cancelled job.",
  reporter: "cus_48213",
  reporter_role: "customer",
  reporter_name: "Dana R.",
  respondent: "pro_9911",
  respondent_role: "pro",
  respondent_name: null,
  source: "phone",
  occurred_at: NOW - 3_600_000,
  zendesk_ticket: null,
};

function fieldErrors(patch: Partial<IntakeRaw>): Record<string, string> {
  try {
    validateIntake({ ...valid, ...patch }, NOW);
  } catch (error) {
    if (error instanceof DomainError) return { ...error.fields };
    throw error;
  }
  return {};
}

describe("intake validation", () => {
  it("accepts a complete report and takes the category's default severity", () => {
    const draft = validateIntake(valid, NOW);
    expect(draft.severity).toBe("sev3");
    expect(draft.category.id).toBe("harassment");
    expect(draft.respondent).toEqual({ accountRef: "pro_9911", role: "pro", displayName: "pro_9911" });
  });

  it("lets severity be raised above the category default", () => {
    expect(validateIntake({ ...valid, severity: "sev1" }, NOW).severity).toBe("sev1");
  });

  it.each<[string, Partial<IntakeRaw>, string]>([
    ["an empty title", { title: "   " }, "title"],
    ["a 5,000-character title", { title: "x".repeat(5000) }, "title"],
    ["a title one past the limit", { title: "x".repeat(151) }, "title"],
    ["an unknown category", { category: "space-piracy" }, "category"],
    ["no category", { category: null }, "category"],
    ["a severity below the category's floor", { category: "physical-safety", severity: "sev3" }, "severity"],
    ["an unknown severity", { severity: "sev9" }, "severity"],
    ["an empty description", { description: "" }, "description"],
    ["a description over 3,000 characters", { description: "x".repeat(3001) }, "description"],
    ["no reporter account", { reporter: "" }, "reporter"],
    ["a reporter account that is a sentence", { reporter: "Dana from Ohio" }, "reporter"],
    ["no reporter role", { reporter_role: null }, "reporter_role"],
    ["a respondent without a role", { respondent_role: null }, "respondent_role"],
    [
      "a respondent name without an account",
      { respondent: null, respondent_role: null, respondent_name: "Al" },
      "respondent",
    ],
    ["the reporter as respondent", { respondent: "cus_48213", respondent_role: "customer" }, "respondent"],
    ["no source", { source: null }, "source"],
    ["an occurred-at in the future", { occurred_at: NOW + 3_600_000 }, "occurred_at"],
    ["a malformed Zendesk ticket", { zendesk_ticket: "ZD-12#" }, "zendesk_ticket"],
    ["a Zendesk report without its ticket", { source: "zendesk" }, "zendesk_ticket"],
  ])("refuses %s, on that field", (_name, patch, field) => {
    const errors = fieldErrors(patch);
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(/\w/);
  });

  it("accepts a title of exactly 150 characters and an occurred-at within clock skew", () => {
    expect(fieldErrors({ title: "x".repeat(150), occurred_at: NOW + 60_000 })).toEqual({});
  });

  it("reports every bad field at once", () => {
    expect(Object.keys(fieldErrors({ title: "", category: null, source: null })).sort()).toEqual([
      "category",
      "source",
      "title",
    ]);
  });

  it("strips control characters and folds whitespace in the title", () => {
    expect(validateIntake({ ...valid, title: "  a\u0000b \n\t c " }, NOW).title).toBe("ab c");
  });
});
