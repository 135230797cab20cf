import { describe, expect, it } from "vitest";
import { DECISION_VISIBILITIES, EUROPEAN_COUNTRY_CODES, KEYWORDS, STATEMENT_CATEGORIES } from "./dsaStatementEnums.ts";
import { checkStatement } from "./dsaStatementRules.ts";

/** The "Example JSON payload body" of resources/markdown/api-documentation.md at the rules' commit. */
const API_DOCS_EXAMPLE = {
  decision_visibility: ["DECISION_VISIBILITY_CONTENT_DISABLED"],
  decision_monetary: "DECISION_MONETARY_TERMINATION",
  end_date_monetary_restriction: "2023-08-08",
  decision_provision: "DECISION_PROVISION_TOTAL_SUSPENSION",
  decision_account: "DECISION_ACCOUNT_SUSPENDED",
  account_type: "ACCOUNT_TYPE_BUSINESS",
  decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
  decision_ground_reference_url: "https://www.anurl.com",
  content_type: ["CONTENT_TYPE_VIDEO", "CONTENT_TYPE_AUDIO", "CONTENT_TYPE_SYNTHETIC_MEDIA"],
  category: "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
  illegal_content_legal_ground: "illegal content legal grounds",
  illegal_content_explanation: "illegal content explanation",
  incompatible_content_ground: "incompatible content grounds",
  incompatible_content_explanation: "incompatible content explanation",
  incompatible_content_illegal: "Yes",
  territorial_scope: ["PT", "ES", "DE"],
  content_language: "EN",
  content_date: "2023-08-08",
  content_id: { "EAN-13": "0123456789123" },
  application_date: "2023-08-08",
  decision_facts: "facts about the decision",
  source_type: "SOURCE_TRUSTED_FLAGGER",
  automated_detection: "No",
  automated_decision: "AUTOMATED_DECISION_PARTIALLY",
  puid: "TK421",
};

/** A minimal statement the API keeps whole: one restriction, the incompatible-content ground. */
const MINIMAL = {
  decision_account: "DECISION_ACCOUNT_SUSPENDED",
  decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
  incompatible_content_ground: "Community Guidelines CG-2.1",
  incompatible_content_explanation: "Suspension: 7 days for breach of CG-2.1.",
  content_type: ["CONTENT_TYPE_TEXT"],
  category: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
  content_date: "2026-03-01",
  application_date: "2026-03-04",
  decision_facts: "The pro sent threats after the job.",
  source_type: "SOURCE_ARTICLE_16",
  automated_detection: "No",
  automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED",
  puid: "TS-2026-0001-D1",
};

const findings = (change: Record<string, unknown>, drop: readonly string[] = []) => {
  const payload: Record<string, unknown> = { ...MINIMAL, ...change };
  for (const field of drop) delete payload[field];
  return checkStatement(payload).map((f) => `${f.effect} ${f.field} ${f.rule}`);
};

describe("the Transparency Database's statement rules", () => {
  it("copies the enumerations whole: 7 visibilities, 16 categories, 69 keywords, 30 countries", () => {
    expect(
      [DECISION_VISIBILITIES, STATEMENT_CATEGORIES, KEYWORDS, EUROPEAN_COUNTRY_CODES].map((l) => l.length),
    ).toEqual([7, 16, 69, 30]);
  });

  it("rejects nothing in the API documentation's example request, and names the two fields the API drops from it", () => {
    expect(checkStatement(API_DOCS_EXAMPLE)).toEqual([
      { field: "illegal_content_legal_ground", rule: "exclude", effect: "dropped" },
      { field: "illegal_content_explanation", rule: "exclude", effect: "dropped" },
    ]);
  });

  it("finds nothing in a minimal statement", () => {
    expect(findings({})).toEqual([]);
  });

  it("requires at least one of the four restrictions: a warning is no statement", () => {
    expect(findings({ decision_visibility: [] }, ["decision_account"])).toEqual([
      "rejected decision_visibility required",
      "rejected decision_monetary required",
      "rejected decision_provision required",
      "rejected decision_account required",
    ]);
  });

  it.each([
    ["null", null],
    ["an empty string", ""],
    ["blank space", "  "],
    ["an empty array", []],
  ])("counts %s as missing for a required field", (_name, value) => {
    expect(findings({ decision_facts: value })).toEqual(["rejected decision_facts required"]);
  });

  it.each([
    "content_date",
    "application_date",
    "puid",
    "incompatible_content_ground",
    "incompatible_content_explanation",
    "category",
    "content_type",
    "source_type",
    "automated_detection",
    "automated_decision",
  ])("rejects a statement without %s", (field) => {
    expect(findings({}, [field])).toEqual([`rejected ${field} required`]);
  });

  it("rejects a statement without a ground, and drops the incompatible-content fields it cannot place", () => {
    expect(findings({}, ["decision_ground"])).toEqual([
      "rejected decision_ground required",
      "dropped incompatible_content_ground exclude",
      "dropped incompatible_content_explanation exclude",
    ]);
  });

  it.each([
    ["a plain end_date, which the API drops", { end_date: "2026-03-11" }, ["dropped end_date unknown field"]],
    ["our case id inside the statement", { case_id: "TS-2026-0001" }, ["dropped case_id unknown field"]],
    ["a date and time", { content_date: "2026-03-01T10:00:00Z" }, ["rejected content_date date_format:Y-m-d"]],
    ["a date that does not exist", { application_date: "2026-02-30" }, ["rejected application_date date_format:Y-m-d"]],
    ["content before 2000", { content_date: "1999-12-31" }, ["rejected content_date after_or_equal:2000-01-01"]],
    ["content after 2037", { content_date: "2038-01-02" }, ["rejected content_date before_or_equal:2038-01-01"]],
    [
      "an application before 2020",
      { application_date: "2019-12-31" },
      ["rejected application_date after_or_equal:2020-01-01"],
    ],
    [
      "an end date after 2037",
      { end_date_account_restriction: "2038-01-02" },
      ["rejected end_date_account_restriction before_or_equal:2038-01-01"],
    ],
    ["a lower-case enum", { decision_account: "decision_account_suspended" }, ["rejected decision_account in"]],
    ["an unknown category", { category: "STATEMENT_CATEGORY_THEFT" }, ["rejected category in"]],
    [
      "visibility as a string",
      { decision_visibility: "DECISION_VISIBILITY_CONTENT_REMOVED" },
      ["rejected decision_visibility array"],
    ],
    ["an unknown keyword", { category_specification: ["KEYWORD_THEFT"] }, ["rejected category_specification in"]],
    ["a country outside the EEA", { territorial_scope: ["GB"] }, ["rejected territorial_scope in"]],
    ["a lower-case language", { content_language: "en" }, ["rejected content_language in"]],
    ["automated detection as a boolean", { automated_detection: false }, ["rejected automated_detection in"]],
    ["a puid with a dot", { puid: "TS-2026-0001.D1" }, ["rejected puid regex"]],
    ["a puid ending in a newline", { puid: "TS-2026-0001-D1\n" }, ["rejected puid regex"]],
    ["a 501-character puid", { puid: "a".repeat(501) }, ["rejected puid max:500"]],
    [
      "a reference that is no URL",
      { decision_ground_reference_url: "our terms" },
      ["rejected decision_ground_reference_url url"],
    ],
    [
      "null where null is not allowed",
      { category_specification_other: null },
      ["rejected category_specification_other string"],
    ],
    [
      "content_type_other without CONTENT_TYPE_OTHER",
      { content_type_other: "Account" },
      ["dropped content_type_other exclude"],
    ],
    [
      "CONTENT_TYPE_OTHER without content_type_other",
      { content_type: ["CONTENT_TYPE_OTHER"] },
      ["rejected content_type_other required"],
    ],
    [
      "DECISION_VISIBILITY_OTHER unexplained",
      { decision_visibility: ["DECISION_VISIBILITY_OTHER"] },
      ["rejected decision_visibility_other required"],
    ],
    [
      "DECISION_MONETARY_OTHER unexplained",
      { decision_monetary: "DECISION_MONETARY_OTHER" },
      ["rejected decision_monetary_other required"],
    ],
    [
      "a source identity of a voluntary decision",
      { source_type: "SOURCE_VOLUNTARY", source_identity: "x" },
      ["dropped source_identity exclude"],
    ],
    [
      "the illegal-content ground without its legal ground",
      { decision_ground: "DECISION_GROUND_ILLEGAL_CONTENT" },
      [
        "rejected illegal_content_legal_ground required",
        "rejected illegal_content_explanation required",
        "dropped incompatible_content_ground exclude",
        "dropped incompatible_content_explanation exclude",
      ],
    ],
  ])("reports %s", (_name, change, expected) => {
    expect(findings(change)).toEqual(expected);
  });

  it("accepts null where the rules say nullable", () => {
    expect(findings({ end_date_account_restriction: null, decision_monetary: null })).toEqual([]);
  });

  describe("lengths, in characters as mb_strlen counts them", () => {
    it.each([
      ["incompatible_content_ground", 500],
      ["incompatible_content_explanation", 2000],
      ["decision_facts", 5000],
    ])("takes %s at %d characters of four bytes each, and refuses one more", (field, max) => {
      expect(findings({ [field]: "😀".repeat(max) })).toEqual([]);
      expect(findings({ [field]: "😀".repeat(max + 1) })).toEqual([`rejected ${field} max:${max}`]);
    });
  });
});
