import { describe, expect, it } from "vitest";
import {
  CATEGORIES,
  CATEGORY_CATALOG_VERSION,
  categoryById,
  DSA_STATEMENT_CATEGORIES,
  isCategoryId,
  POLICY_CLAUSES,
  policyClauseTitle,
} from "../../src/core/categories.ts";
import { SEVERITIES, type Severity } from "../../src/core/severity.ts";

const SLACK_OPTION_TEXT_MAX = 75;

// Every category DESIGN §3 requires, with the default severity, sensitivity and mediation rule we chose.
const REQUIRED: [id: string, severity: Severity, sensitive: boolean][] = [
  ["physical-safety", "sev1", true],
  ["sexual-misconduct", "sev2", true],
  ["minors", "sev1", true],
  ["self-harm", "sev1", true],
  ["stalking-doxxing", "sev2", true],
  ["harassment", "sev3", false],
  ["discrimination", "sev3", true],
  ["theft", "sev2", false],
  ["property-damage", "sev3", false],
  ["bodily-injury", "sev2", true],
  ["payment-fraud", "sev2", false],
  ["no-show", "sev3", false],
  ["account-takeover", "sev2", false],
  ["off-platform-payment", "sev3", false],
  ["review-integrity", "sev3", false],
  ["service-quality", "sev4", false],
  ["prohibited-service", "sev3", false],
  ["customer-misconduct", "sev3", false],
  ["legal-request", "sev2", true],
];

describe("category catalog", () => {
  it("carries a dated version", () => {
    expect(CATEGORY_CATALOG_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each(REQUIRED)("has %s at %s, sensitive: %s", (id, severity, sensitive) => {
    expect(categoryById(id)).toMatchObject({ id, defaultSeverity: severity, sensitive });
  });

  it("has no category DESIGN does not ask for", () => {
    expect(CATEGORIES.map((c) => c.id).sort()).toEqual(REQUIRED.map(([id]) => id).sort());
  });

  it("has unique ids", () => {
    expect(new Set(CATEGORIES.map((c) => c.id)).size).toBe(CATEGORIES.length);
  });

  it("has unique labels", () => {
    expect(new Set(CATEGORIES.map((c) => c.label)).size).toBe(CATEGORIES.length);
  });

  it("lists the most severe categories first in the intake select", () => {
    const ranks = CATEGORIES.map((c) => SEVERITIES.indexOf(c.defaultSeverity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  describe.each(CATEGORIES.map((c) => [c.id, c] as const))("%s", (_id, category) => {
    it("has an id usable in a Slack channel name", () => {
      expect(category.id).toMatch(/^[a-z0-9-]{1,24}$/);
      expect(category.id).not.toMatch(/^-|-$|--/);
    });

    it("has a label and a one-line description within Slack's option limits", () => {
      expect(category.label.length).toBeGreaterThan(0);
      expect(category.label.length).toBeLessThanOrEqual(SLACK_OPTION_TEXT_MAX);
      expect(category.description.length).toBeGreaterThan(0);
      expect(category.description.length).toBeLessThanOrEqual(SLACK_OPTION_TEXT_MAX);
      expect(category.description).not.toMatch(/[\r\n]/);
    });

    it("defaults to a valid severity", () => {
      expect(SEVERITIES).toContain(category.defaultSeverity);
    });

    it("maps to a current DSA statement category", () => {
      expect(DSA_STATEMENT_CATEGORIES).toContain(category.dsaCategory);
    });

    it("cites at least one known policy clause, each once", () => {
      expect(category.policyRefs.length).toBeGreaterThan(0);
      expect(new Set(category.policyRefs).size).toBe(category.policyRefs.length);
      for (const ref of category.policyRefs) expect(policyClauseTitle(ref)).toBeDefined();
    });

    it("starts with mediation only if it is property damage", () => {
      expect(category.mediationFirst).toBe(category.id === "property-damage");
    });
  });

  it("keeps every SEV1 category sensitive", () => {
    for (const c of CATEGORIES.filter((c) => c.defaultSeverity === "sev1")) expect(c.sensitive).toBe(true);
  });

  it("cites the Guarantee terms on property damage", () => {
    expect(categoryById("property-damage")?.policyRefs).toContain("GT-1");
  });
});

describe("DSA statement categories", () => {
  it("are the sixteen v2 values, without the retired v1 ones", () => {
    expect(DSA_STATEMENT_CATEGORIES).toHaveLength(16);
    expect(new Set(DSA_STATEMENT_CATEGORIES).size).toBe(16);
    for (const retired of [
      "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE",
      "STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR",
      "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS",
      "STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT",
    ]) {
      expect(DSA_STATEMENT_CATEGORIES as readonly string[]).not.toContain(retired);
    }
  });
});

describe("policy clauses", () => {
  it("have stable ids like CG-2.1 and a title each", () => {
    for (const [id, title] of Object.entries(POLICY_CLAUSES)) {
      expect(id).toMatch(/^[A-Z]{2}-\d+(\.\d+)?$/);
      expect(title.length).toBeGreaterThan(0);
    }
  });

  it("are each cited by some category", () => {
    const cited = new Set(CATEGORIES.flatMap((c) => c.policyRefs));
    expect([...cited].sort()).toEqual(Object.keys(POLICY_CLAUSES).sort());
  });

  it.each(["CG-9.9", "", "constructor", "__proto__"])("knows no clause %j", (id) => {
    expect(policyClauseTitle(id)).toBeUndefined();
  });
});

describe("lookup", () => {
  it("finds a category by id", () => {
    expect(categoryById("property-damage")?.label).toBe("Property damage (Guarantee claim)");
  });

  it.each(["", "Physical-Safety", "physical safety", "unknown", "constructor", "toString"])(
    "does not know %j",
    (id) => {
      expect(categoryById(id)).toBeUndefined();
      expect(isCategoryId(id)).toBe(false);
    },
  );

  it.each(CATEGORIES.map((c) => c.id))("recognises %s as a category id", (id) => {
    expect(isCategoryId(id)).toBe(true);
  });
});
