import { type Category, type DsaStatementCategory, policyClauseTitle } from "./categories.ts";
import { fail } from "./domainError.ts";
import { POLICY_CATALOG_VERSION } from "./policyClauses.ts";
import { SANCTION_RUNGS, type SanctionRung } from "./sanctions.ts";

/**
 * A decision as a DSA statement of reasons: exactly the fields `POST /api/v1/statement` of the EU
 * Transparency Database keeps, and no other (it drops unknown fields without a word). Optional fields
 * are left out rather than sent as null. The rules are copied in docs/dsa-statements.md.
 */
export interface StatementOfReasons {
  decision_visibility?: Array<"DECISION_VISIBILITY_CONTENT_REMOVED" | "DECISION_VISIBILITY_CONTENT_DEMOTED">;
  decision_monetary?: "DECISION_MONETARY_SUSPENSION";
  decision_provision?:
    | "DECISION_PROVISION_PARTIAL_SUSPENSION"
    | "DECISION_PROVISION_TOTAL_SUSPENSION"
    | "DECISION_PROVISION_TOTAL_TERMINATION";
  decision_account?: "DECISION_ACCOUNT_SUSPENDED" | "DECISION_ACCOUNT_TERMINATED";
  decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT";
  incompatible_content_ground: string;
  incompatible_content_explanation: string;
  category: DsaStatementCategory;
  content_type: ["CONTENT_TYPE_OTHER"];
  content_type_other: string;
  content_date: string;
  application_date: string;
  end_date_visibility_restriction?: string;
  end_date_monetary_restriction?: string;
  end_date_service_restriction?: string;
  end_date_account_restriction?: string;
  decision_facts: string;
  source_type: "SOURCE_ARTICLE_16" | "SOURCE_VOLUNTARY";
  automated_detection: "No";
  automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED";
  puid: string;
}

export const DECISION_FACTS_MAX = 5000;
/** Facts are typed into a Slack plain_text_input, which carries at most 3000 characters. */
export const PROPOSAL_FACTS_MAX = 3000;
/** The API's `max:500` and `max:2000`, counted in characters as Laravel's mb_strlen does. */
export const GROUND_MAX = 500;
export const EXPLANATION_MAX = 2000;

type RestrictionField = "decision_visibility" | "decision_monetary" | "decision_provision" | "decision_account";
type Restrictions = Pick<StatementOfReasons, RestrictionField>;

/** What each rung restricts, in the database's vocabulary; a warning and an overturn restrict nothing. */
const RESTRICTIONS: Readonly<Record<SanctionRung, Restrictions>> = {
  none: {},
  warning: {},
  review_removal: { decision_visibility: ["DECISION_VISIBILITY_CONTENT_REMOVED"] },
  lead_pause: { decision_provision: "DECISION_PROVISION_PARTIAL_SUSPENSION" },
  payout_hold: { decision_monetary: "DECISION_MONETARY_SUSPENSION" },
  badge_removal: { decision_visibility: ["DECISION_VISIBILITY_CONTENT_DEMOTED"] },
  suspension_7d: {
    decision_provision: "DECISION_PROVISION_TOTAL_SUSPENSION",
    decision_account: "DECISION_ACCOUNT_SUSPENDED",
  },
  suspension_30d: {
    decision_provision: "DECISION_PROVISION_TOTAL_SUSPENSION",
    decision_account: "DECISION_ACCOUNT_SUSPENDED",
  },
  suspension_90d: {
    decision_provision: "DECISION_PROVISION_TOTAL_SUSPENSION",
    decision_account: "DECISION_ACCOUNT_SUSPENDED",
  },
  permanent_removal: {
    decision_provision: "DECISION_PROVISION_TOTAL_TERMINATION",
    decision_account: "DECISION_ACCOUNT_TERMINATED",
  },
};

/**
 * Article 17 DSA asks a statement of reasons for a restriction; the database refuses one without any
 * of the four. A decision that restricts nothing (a warning, an overturn to none) is kept on our
 * record but is no statement to publish.
 */
export function restrictsSomething(rung: SanctionRung): boolean {
  return Object.keys(RESTRICTIONS[rung]).length > 0;
}

export interface StatementInput {
  rung: SanctionRung;
  clauses: readonly string[];
  facts: string;
  category: Category;
  /** Where the case came from: a report from a user or partner, or the platform's own detection. */
  reportedByUser: boolean;
  /** When the conduct or listing the decision is about happened (ms): intake's time, else the case's opening. */
  contentAt: number;
  /** When the decision applies (ms). */
  appliesAt: number;
  /** When the restriction ends (ms); null when it does not. */
  endsAt: number | null;
  puid: string;
}

const DAY = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const CONTENT_DATE_RANGE = [DAY(2000, 1, 1), DAY(2038, 1, 1)] as const;
const APPLICATION_DATE_RANGE = [DAY(2020, 1, 1), DAY(2038, 1, 2) - 1] as const;
const DAY_MS = 24 * 60 * 60_000;
// Each day's text once: an export of a year writes three dates for each of tens of thousands of decisions.
const isoDays = new Map<number, string>();
/** The UTC day of `ms`, YYYY-MM-DD; only days the API accepts are remembered, so the memo stays small. */
function isoDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const known = isoDays.get(day);
  if (known !== undefined) return known;
  const text = new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (ms >= CONTENT_DATE_RANGE[0] && ms <= APPLICATION_DATE_RANGE[1]) isoDays.set(day, text);
  return text;
}

/** A date the API takes, or a loud failure: a decision dated outside it cannot be published. */
function dateWithin(ms: number, [from, to]: readonly [number, number], what: string): string {
  if (ms < from || ms > to) fail("conflict", `The ${what} ${isoDate(ms)} is outside what the DSA database accepts.`);
  return isoDate(ms);
}

/** Characters as Laravel counts them (code points), not UTF-16 units. */
export const characterCount = (text: string) => [...text].length;

// No more UTF-16 units than `max` means no more code points: the usual short text skips counting them.
const fitsWithin = (text: string, max: number) => text.length <= max || characterCount(text) <= max;

/** At most `max` characters, never splitting a character in two. */
const firstCharacters = (text: string, max: number) =>
  fitsWithin(text, max) ? text : [...text].slice(0, max).join("");

/**
 * `lead` + the items joined with "; " + `tail` in at most `max` characters: as many items as fit, then
 * "and N more clauses", so a cut list still says it is cut.
 */
function listWithin(max: number, lead: string, items: readonly string[], tail: string): string {
  for (let shown = items.length; shown >= 0; shown -= 1) {
    const rest = items.length - shown;
    const more = rest === 0 ? "" : `${shown > 0 ? "; " : ""}and ${rest} more clause${rest === 1 ? "" : "s"}`;
    const text = `${lead}${items.slice(0, shown).join("; ")}${more}${tail}`;
    if (fitsWithin(text, max)) return text;
  }
  return fail("conflict", "The statement's ground does not fit the DSA database's limit.");
}

const POLICY = `Community Guidelines, Policies and Terms of Use (version ${POLICY_CATALOG_VERSION})`;

/** The contractual ground: the clauses with their titles, or their ids alone when the titles do not fit. */
function incompatibleGround(clauses: readonly string[], titled: readonly string[]): string {
  const full = `${POLICY}: ${titled.join("; ")}`;
  if (fitsWithin(full, GROUND_MAX)) return full;
  return listWithin(GROUND_MAX, `${POLICY}, clauses `, clauses, " (titles in the explanation)");
}

/** The wording a statement takes from its rung and clauses alone: equal for every decision with both equal. */
export interface StatementWording {
  ground: string;
  explanation: string;
}

export function statementWording(rung: SanctionRung, clauses: readonly string[]): StatementWording {
  const titled = clauses.map((id) => `${id} ${policyClauseTitle(id) ?? ""}`.trim());
  const explanation =
    rung === "none"
      ? listWithin(EXPLANATION_MAX, "The earlier decision under ", titled, " was overturned on appeal.")
      : listWithin(EXPLANATION_MAX, `${SANCTION_RUNGS[rung].label} for breach of `, titled, ".");
  return { ground: incompatibleGround(clauses, titled), explanation };
}

/**
 * Every field of a statement, in the order the API lists them and the files write them, a field the
 * statement leaves out being undefined: one shape for every statement, so an export of tens of thousands
 * writes them without building objects of a dozen shapes (JSON.stringify leaves undefined out).
 */
export type StatementFields = { [F in keyof Required<StatementOfReasons>]: StatementOfReasons[F] };

const CONTENT_TYPE: StatementOfReasons["content_type"] = ["CONTENT_TYPE_OTHER"];

/** `wording` may come from a cache of statementWording: an export words each rung and clause list once. */
export function statementFields(
  input: StatementInput,
  wording: StatementWording = statementWording(input.rung, input.clauses),
): StatementFields {
  const restrictions = RESTRICTIONS[input.rung];
  const contentAt = Math.min(Math.max(input.contentAt, CONTENT_DATE_RANGE[0]), CONTENT_DATE_RANGE[1]);
  const applicationDate = dateWithin(input.appliesAt, APPLICATION_DATE_RANGE, "decision date");
  const endDate = input.endsAt === null ? undefined : dateWithin(input.endsAt, APPLICATION_DATE_RANGE, "end date");
  // The API has no plain `end_date`: each restriction the rung sets ends on its own field.
  const endOf = (restriction: Restrictions[RestrictionField]) => (restriction === undefined ? undefined : endDate);
  return {
    decision_visibility: restrictions.decision_visibility,
    decision_monetary: restrictions.decision_monetary,
    decision_provision: restrictions.decision_provision,
    decision_account: restrictions.decision_account,
    decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
    incompatible_content_ground: wording.ground,
    incompatible_content_explanation: wording.explanation,
    category: input.category.dsaCategory,
    content_type: CONTENT_TYPE,
    content_type_other: "Marketplace account",
    content_date: isoDate(contentAt),
    application_date: applicationDate,
    end_date_visibility_restriction: endOf(restrictions.decision_visibility),
    end_date_monetary_restriction: endOf(restrictions.decision_monetary),
    end_date_service_restriction: endOf(restrictions.decision_provision),
    end_date_account_restriction: endOf(restrictions.decision_account),
    decision_facts: firstCharacters(input.facts, DECISION_FACTS_MAX),
    source_type: input.reportedByUser ? "SOURCE_ARTICLE_16" : "SOURCE_VOLUNTARY",
    automated_detection: "No",
    automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED",
    puid: input.puid,
  };
}

/** The statement as the API takes it: only the fields it carries, none sent as null or undefined. */
export function buildStatementOfReasons(input: StatementInput): StatementOfReasons {
  const present = Object.entries(statementFields(input)).filter(([, value]) => value !== undefined);
  // statementFields is typed field by field; dropping the undefined ones leaves a StatementOfReasons.
  return Object.fromEntries(present) as unknown as StatementOfReasons;
}

/**
 * decision_facts is published: it must not name the parties. Returns the party identifiers (display
 * names, account ids) found in the text, case-insensitively.
 */
export function personalDataIn(facts: string, identifiers: readonly string[]): string[] {
  const text = facts.toLowerCase();
  return identifiers.filter((id) => id.trim().length >= 3 && text.includes(id.trim().toLowerCase()));
}
