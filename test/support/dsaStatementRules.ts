/**
 * A conformance check of one statement of reasons against the rules of the EU DSA Transparency Database's
 * `POST /api/v1/statement`, written from digital-services-act/transparency-database at commit
 * 69e80a0bc8eb3cbfbe8246e898194c3bdf490a4b, app/Http/Requests/StatementStoreRequest.php `rules()`, with
 * Laravel's rule semantics: `required` fails on null, "" (after trimming) and []; `max` counts characters
 * (mb_strlen), not bytes; `date_format:Y-m-d` needs a real calendar date. Where the API accepts a field
 * but drops it (a field it does not know, or one `exclude_*` removes), this check reports it too: for us
 * that is lost data, as a suspension's `end_date` published as an indefinite suspension was.
 */
import {
  ACCOUNT_TYPES,
  AUTOMATED_DECISIONS,
  CONTENT_TYPES,
  DECISION_ACCOUNTS,
  DECISION_GROUNDS,
  DECISION_MONETARIES,
  DECISION_PROVISIONS,
  DECISION_VISIBILITIES,
  EUROPEAN_COUNTRY_CODES,
  KEYWORDS,
  LANGUAGES,
  SOURCE_TYPES,
  STATEMENT_CATEGORIES,
  YES_NO,
} from "./dsaStatementEnums.ts";

/** rejected: the API answers HTTP 422; dropped: the API answers 201 but does not keep the field. */
export interface Finding {
  field: string;
  rule: string;
  effect: "rejected" | "dropped";
}

type Payload = Readonly<Record<string, unknown>>;
/** One rule of a field, run only on a value that is present; returns the failed rule's name, if any. */
type ValueRule = (value: unknown) => string | undefined;

const chars = (text: string) => [...text].length;
const isString = (value: unknown): value is string => typeof value === "string";

/** Laravel's validateRequired: null, a blank string and an empty array are all missing. */
export function filled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (isString(value)) return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

const oneOf =
  (allowed: readonly string[]): ValueRule =>
  (value) =>
    isString(value) && allowed.includes(value) ? undefined : "in";
const arrayOf =
  (allowed: readonly string[]): ValueRule =>
  (value) => {
    if (!Array.isArray(value)) return "array";
    return value.every((v) => isString(v) && allowed.includes(v)) ? undefined : "in";
  };
const maxChars =
  (max: number): ValueRule =>
  (value) => {
    if (!isString(value)) return "string";
    return chars(value) <= max ? undefined : `max:${max}`;
  };
const pattern =
  (regex: RegExp): ValueRule =>
  (value) =>
    isString(value) && regex.test(value) ? undefined : "regex";
const isUrl: ValueRule = (value) => (isString(value) && URL.canParse(value) ? undefined : "url");

/** `date_format:Y-m-d` plus the bounds: PHP re-formats the parsed date, so 2026-02-30 does not match. */
const dateWithin =
  (after: string | undefined, before: string): ValueRule =>
  (value) => {
    const match = isString(value) ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
    if (!match || !isString(value)) return "date_format:Y-m-d";
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    if (date.toISOString().slice(0, 10) !== value) return "date_format:Y-m-d";
    if (after !== undefined && value < after) return `after_or_equal:${after}`;
    return value <= before ? undefined : `before_or_equal:${before}`;
  };

interface FieldRule {
  /** The value rules, run when the field is present (and not null when `nullable`). */
  rules: readonly ValueRule[];
  /** `nullable`: null passes. Elsewhere a null runs the rules and fails them (an `in` or a format). */
  nullable?: boolean;
  /** When the field must be filled (`required`, `required_if`, `required_without_all`). */
  required?: (payload: Payload) => boolean;
  /** When the API drops the field (`exclude_if`, `exclude_unless`). */
  excluded?: (payload: Payload) => boolean;
}

const RESTRICTIONS = ["decision_visibility", "decision_monetary", "decision_provision", "decision_account"] as const;
const noOtherRestriction = (self: string) => (p: Payload) =>
  RESTRICTIONS.filter((f) => f !== self).every((f) => !filled(p[f]));
const contains = (field: string, value: string) => (p: Payload) => {
  const present = p[field];
  return Array.isArray(present) ? present.includes(value) : present === value;
};
const not = (test: (p: Payload) => boolean) => (p: Payload) => !test(p);
const illegalGround = contains("decision_ground", "DECISION_GROUND_ILLEGAL_CONTENT");
const incompatibleGround = contains("decision_ground", "DECISION_GROUND_INCOMPATIBLE_CONTENT");
const always = () => true;
const END_DATE: FieldRule = { rules: [dateWithin(undefined, "2038-01-01")], nullable: true };

/** `rules()` of StatementStoreRequest, field by field. */
export const STATEMENT_RULES: Readonly<Record<string, FieldRule>> = {
  content_id: { rules: [(v) => (typeof v === "object" && v !== null ? undefined : "array")], nullable: true },
  content_id_ean: { rules: [pattern(/^[0-9]{13}$/)], nullable: true },
  decision_visibility: {
    rules: [arrayOf(DECISION_VISIBILITIES)],
    nullable: true,
    required: noOtherRestriction("decision_visibility"),
  },
  decision_visibility_other: {
    rules: [maxChars(500)],
    required: contains("decision_visibility", "DECISION_VISIBILITY_OTHER"),
    excluded: not(contains("decision_visibility", "DECISION_VISIBILITY_OTHER")),
  },
  decision_monetary: {
    rules: [oneOf(DECISION_MONETARIES)],
    nullable: true,
    required: noOtherRestriction("decision_monetary"),
  },
  decision_monetary_other: {
    rules: [maxChars(500)],
    required: contains("decision_monetary", "DECISION_MONETARY_OTHER"),
    excluded: not(contains("decision_monetary", "DECISION_MONETARY_OTHER")),
  },
  decision_provision: {
    rules: [oneOf(DECISION_PROVISIONS)],
    nullable: true,
    required: noOtherRestriction("decision_provision"),
  },
  decision_account: {
    rules: [oneOf(DECISION_ACCOUNTS)],
    nullable: true,
    required: noOtherRestriction("decision_account"),
  },
  account_type: { rules: [oneOf(ACCOUNT_TYPES)], nullable: true },
  category_specification: { rules: [arrayOf(KEYWORDS)], nullable: true },
  category_specification_other: { rules: [maxChars(500)] },
  decision_ground: { rules: [oneOf(DECISION_GROUNDS)], required: always },
  decision_ground_reference_url: { rules: [isUrl, maxChars(500)], nullable: true },
  illegal_content_legal_ground: { rules: [maxChars(500)], required: illegalGround, excluded: not(illegalGround) },
  illegal_content_explanation: { rules: [maxChars(2000)], required: illegalGround, excluded: not(illegalGround) },
  incompatible_content_ground: {
    rules: [maxChars(500)],
    required: incompatibleGround,
    excluded: not(incompatibleGround),
  },
  incompatible_content_explanation: {
    rules: [maxChars(2000)],
    required: incompatibleGround,
    excluded: not(incompatibleGround),
  },
  incompatible_content_illegal: { rules: [oneOf(YES_NO)], excluded: not(incompatibleGround) },
  content_type: { rules: [arrayOf(CONTENT_TYPES)], required: always },
  content_type_other: {
    rules: [maxChars(500)],
    required: contains("content_type", "CONTENT_TYPE_OTHER"),
    excluded: not(contains("content_type", "CONTENT_TYPE_OTHER")),
  },
  category: { rules: [oneOf(STATEMENT_CATEGORIES)], required: always },
  category_addition: { rules: [arrayOf(STATEMENT_CATEGORIES)] },
  territorial_scope: { rules: [arrayOf(EUROPEAN_COUNTRY_CODES)], nullable: true },
  content_language: { rules: [oneOf(LANGUAGES)], nullable: true },
  content_date: { rules: [dateWithin("2000-01-01", "2038-01-01")], required: always },
  application_date: { rules: [dateWithin("2020-01-01", "2038-01-01")], required: always },
  end_date_account_restriction: END_DATE,
  end_date_monetary_restriction: END_DATE,
  end_date_service_restriction: END_DATE,
  end_date_visibility_restriction: END_DATE,
  decision_facts: { rules: [maxChars(5000)], required: always },
  source_type: { rules: [oneOf(SOURCE_TYPES)], required: always },
  source_identity: { rules: [maxChars(500)], excluded: contains("source_type", "SOURCE_VOLUNTARY") },
  automated_detection: { rules: [oneOf(YES_NO)], required: always },
  automated_decision: { rules: [oneOf(AUTOMATED_DECISIONS)], required: always },
  puid: { rules: [maxChars(500), pattern(/^[a-zA-Z0-9-_]+$/)], required: always },
};

function checkField(field: string, rule: FieldRule, payload: Payload): Finding[] {
  const value = payload[field];
  const present = Object.hasOwn(payload, field);
  if (rule.required?.(payload) && !filled(value)) return [{ field, rule: "required", effect: "rejected" }];
  if (!present) return [];
  if (rule.excluded?.(payload)) return [{ field, rule: "exclude", effect: "dropped" }];
  if (value === null && rule.nullable) return [];
  // Laravel skips the other rules of a blank string that is not required.
  if (isString(value) && value.trim() === "") return [];
  return rule.rules.flatMap((check) => {
    const failed = check(value);
    return failed === undefined ? [] : [{ field, rule: failed, effect: "rejected" as const }];
  });
}

/** Every finding on the statement, rules in the order of `rules()`; an empty list is a statement the API keeps whole. */
export function checkStatement(payload: Payload): Finding[] {
  const known = Object.entries(STATEMENT_RULES).flatMap(([field, rule]) => checkField(field, rule, payload));
  const unknown = Object.keys(payload)
    .filter((field) => !Object.hasOwn(STATEMENT_RULES, field))
    .map((field): Finding => ({ field, rule: "unknown field", effect: "dropped" }));
  return [...known, ...unknown];
}
