import { type Category, policyClauseTitle } from "./categories.ts";
import { SANCTION_RUNGS, type SanctionRung } from "./sanctions.ts";

/**
 * A decision in the shape of a DSA statement of reasons (the EU Transparency Database's fields), so it
 * can be exported as submitted there. Field names are the database's own.
 */
export interface StatementOfReasons {
  decision_visibility: string[];
  decision_monetary: string | null;
  decision_provision: string | null;
  decision_account: string | null;
  decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT" | "DECISION_GROUND_ILLEGAL_CONTENT";
  incompatible_content_ground: string | null;
  incompatible_content_explanation: string | null;
  illegal_content_legal_ground: string | null;
  illegal_content_explanation: string | null;
  category: string;
  category_specification: string[];
  content_type: string[];
  content_type_other: string;
  application_date: string;
  end_date: string | null;
  decision_facts: string;
  source_type: "SOURCE_ARTICLE_16" | "SOURCE_TRUSTED_FLAGGER" | "SOURCE_VOLUNTARY";
  automated_detection: "No";
  automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED";
  puid: string;
}

export const DECISION_FACTS_MAX = 5000;
/** Facts are typed into a Slack plain_text_input, which carries at most 3000 characters. */
export const PROPOSAL_FACTS_MAX = 3000;

type Restriction = Pick<
  StatementOfReasons,
  "decision_visibility" | "decision_monetary" | "decision_provision" | "decision_account"
>;

const NONE: Restriction = {
  decision_visibility: [],
  decision_monetary: null,
  decision_provision: null,
  decision_account: null,
};

/** What each rung restricts, in the database's vocabulary (a warning restricts nothing). */
const RESTRICTIONS: Readonly<Record<SanctionRung, Restriction>> = {
  none: NONE,
  warning: NONE,
  review_removal: { ...NONE, decision_visibility: ["DECISION_VISIBILITY_CONTENT_REMOVED"] },
  lead_pause: { ...NONE, decision_provision: "DECISION_PROVISION_PARTIAL_SUSPENSION" },
  payout_hold: { ...NONE, decision_monetary: "DECISION_MONETARY_SUSPENSION" },
  badge_removal: { ...NONE, decision_visibility: ["DECISION_VISIBILITY_CONTENT_DEMOTED"] },
  suspension_7d: {
    ...NONE,
    decision_provision: "DECISION_PROVISION_TOTAL_SUSPENSION",
    decision_account: "DECISION_ACCOUNT_SUSPENDED",
  },
  suspension_30d: {
    ...NONE,
    decision_provision: "DECISION_PROVISION_TOTAL_SUSPENSION",
    decision_account: "DECISION_ACCOUNT_SUSPENDED",
  },
  suspension_90d: {
    ...NONE,
    decision_provision: "DECISION_PROVISION_TOTAL_SUSPENSION",
    decision_account: "DECISION_ACCOUNT_SUSPENDED",
  },
  permanent_removal: {
    ...NONE,
    decision_provision: "DECISION_PROVISION_TOTAL_TERMINATION",
    decision_account: "DECISION_ACCOUNT_TERMINATED",
  },
};

export interface StatementInput {
  rung: SanctionRung;
  clauses: readonly string[];
  facts: string;
  category: Category;
  /** Where the case came from: a report from a user or partner, or the platform's own detection. */
  reportedByUser: boolean;
  /** When the decision applies (ms). */
  appliesAt: number;
  puid: string;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function buildStatementOfReasons(input: StatementInput): StatementOfReasons {
  const days = SANCTION_RUNGS[input.rung].days;
  const clauses = input.clauses.map((id) => `${id} ${policyClauseTitle(id) ?? ""}`.trim());
  return {
    ...RESTRICTIONS[input.rung],
    decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
    incompatible_content_ground: `Terms of Service, Community Guidelines: ${clauses.join("; ")}`,
    incompatible_content_explanation:
      input.rung === "none"
        ? `The earlier decision under ${clauses.join("; ")} was overturned on appeal; no restriction applies.`
        : `${SANCTION_RUNGS[input.rung].label} for breach of ${clauses.join("; ")}.`,
    illegal_content_legal_ground: null,
    illegal_content_explanation: null,
    category: input.category.dsaCategory,
    category_specification: [],
    content_type: ["CONTENT_TYPE_OTHER"],
    content_type_other: "Marketplace account",
    application_date: isoDate(input.appliesAt),
    end_date: days === null ? null : isoDate(input.appliesAt + days * 24 * 60 * 60_000),
    decision_facts: input.facts.slice(0, DECISION_FACTS_MAX),
    source_type: input.reportedByUser ? "SOURCE_ARTICLE_16" : "SOURCE_VOLUNTARY",
    automated_detection: "No",
    automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED",
    puid: input.puid,
  };
}

/**
 * decision_facts is published: it must not name the parties. Returns the party identifiers (display
 * names, account ids) found in the text, case-insensitively.
 */
export function personalDataIn(facts: string, identifiers: readonly string[]): string[] {
  const text = facts.toLowerCase();
  return identifiers.filter((id) => id.trim().length >= 3 && text.includes(id.trim().toLowerCase()));
}
