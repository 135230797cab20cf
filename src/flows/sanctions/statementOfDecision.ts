import type { CaseRow, SanctionProposalRow } from "../../../db/schema.ts";
import { categoryById } from "../../core/categories.ts";
import { fail } from "../../core/domainError.ts";
import type { SanctionRung } from "../../core/sanctions.ts";
import {
  buildStatementOfReasons,
  type StatementInput,
  type StatementOfReasons,
} from "../../core/statementOfReasons.ts";

export interface StatementSources {
  record: Pick<CaseRow, "humanId" | "category" | "source" | "occurredAt" | "createdAt">;
  proposal: Pick<SanctionProposalRow, "clauses" | "facts">;
  decision: { rung: SanctionRung; puid: string; appliesFrom: number; appliesUntil: number | null };
}

/** What a decision's statement of reasons is built from, read off the case, the proposal and the decision. */
export function statementInputOf({ record, proposal, decision }: StatementSources): StatementInput {
  const category =
    categoryById(record.category) ?? fail("conflict", `${record.humanId} has an unknown category ${record.category}.`);
  return {
    rung: decision.rung,
    clauses: proposal.clauses,
    facts: proposal.facts,
    category,
    reportedByUser: record.source !== "internal",
    contentAt: record.occurredAt ?? record.createdAt,
    appliesAt: decision.appliesFrom,
    endsAt: decision.appliesUntil,
    puid: decision.puid,
  };
}

/**
 * The statement of reasons of a decision, from what the case, the proposal and the decision recorded:
 * the same at decision time and at every export, so a statement stored before a rule changed is
 * exported under the current rules.
 */
export const statementOfDecision = (sources: StatementSources): StatementOfReasons =>
  buildStatementOfReasons(statementInputOf(sources));
