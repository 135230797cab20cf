import type { CaseRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { sentence, user } from "../../core/domainText.ts";
import {
  type AppealOutcome,
  isIndependentReviewer,
  isSanctionRung,
  SANCTION_RUNGS,
  type SanctionRung,
} from "../../core/sanctions.ts";
import { personalDataIn } from "../../core/statementOfReasons.ts";
import { openAppealOfCase, setAppealReview } from "../../store/appeals.ts";
import { inTransaction } from "../../store/database.ts";
import { accountOf, partiesOfCase } from "../../store/parties.ts";
import { getDecision, getProposal, votesOfProposal } from "../../store/sanctions.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import type { FlowDeps } from "../deps.ts";
import { latestVotesOf } from "../sanctions/proposalStanding.ts";
import { recordProposal } from "../sanctions/proposeSanction.ts";
import { appealCase, type CaseCommandInput } from "./appealCase.ts";
import { appealText } from "./appealText.ts";

export interface ReviewAppealInput extends CaseCommandInput {
  outcome: AppealOutcome;
  /** For a modification: the rung that replaces the decision's. */
  rung: string | undefined;
  rationale: string;
}

/**
 * An independent reviewer (neither the proposer nor an approver of the decision) decides the appeal:
 * upheld closes the case again; overturned or modified becomes a proposal that goes through the
 * votes (an overturn needs two approvers, one a lead) and, approved, a decision replacing the first.
 */
export function reviewAppeal(deps: FlowDeps, input: ReviewAppealInput): { record: CaseRow; proposal: string | null } {
  const now = deps.clock.now();
  const result = inTransaction(deps.db, (tx) => {
    const record = appealCase(deps, input);
    const appeal = openAppealOfCase(tx, record.id) ?? fail("conflict", `${record.humanId} has no appeal under review.`);
    if (appeal.reviewer)
      fail(
        "conflict",
        sentence`This appeal was already reviewed by ${user(appeal.reviewer)}; its proposal is being voted on.`,
      );
    const decision = getDecision(tx, appeal.decisionId) ?? fail("not_found", "The decision under appeal is gone.");
    const original = getProposal(tx, decision.proposalId) ?? fail("not_found", "The decision's proposal is gone.");
    const approvers = latestVotesOf(votesOfProposal(tx, original.id))
      .filter((v) => v.choice === "approve")
      .map((v) => v.voter);
    if (!isIndependentReviewer(input.userId, { proposer: original.proposedBy, approvers })) {
      fail(
        "not_permitted",
        `You proposed or approved ${decision.puid}; someone independent of it must review the appeal.`,
      );
    }
    const rationale = appealText(input.rationale, "rationale");
    const parties = partiesOfCase(tx, record.id);
    const named = personalDataIn(
      rationale,
      parties.flatMap((p) => [p.account.displayName, p.account.accountRef]),
    );
    if (input.outcome !== "upheld" && named.length > 0) {
      fail(
        "invalid_input",
        "The rationale becomes the published facts of the new decision: leave the parties' names and account ids out.",
      );
    }

    if (input.outcome === "upheld") {
      setAppealReview(tx, appeal.id, { reviewer: input.userId, rationale, outcome: "upheld", decidedAt: now });
      const closed = recordCaseChange(tx, record, {
        actor: input.userId,
        at: now,
        kind: "appeal_upheld",
        payload: { appealId: appeal.id, puid: decision.puid, rationale },
        moveTo: "closed",
      });
      return { record: closed, proposal: null };
    }

    let rung: SanctionRung = "none";
    if (input.outcome === "modified") {
      if (!input.rung || !isSanctionRung(input.rung) || input.rung === "none" || input.rung === decision.rung) {
        fail(
          "invalid_input",
          `Name the rung that replaces ${SANCTION_RUNGS[decision.rung]?.label ?? decision.rung}, e.g. \`suspension_30d\`.`,
        );
      }
      rung = input.rung;
    }
    setAppealReview(tx, appeal.id, { reviewer: input.userId, rationale });
    const reviewed = recordCaseChange(tx, record, {
      actor: input.userId,
      at: now,
      kind: "appeal_reviewed",
      payload: { appealId: appeal.id, puid: decision.puid, proposedOutcome: input.outcome, rung, rationale },
      moveTo: "investigating",
    });
    const account = accountOf(tx, decision.accountId);
    const { record: proposed, proposal } = recordProposal(tx, {
      record: reviewed,
      kind: input.outcome === "overturned" ? "overturn" : "modification",
      appealId: appeal.id,
      accountRef: account?.accountRef,
      accountRole: account?.role,
      draft: {
        accountId: decision.accountId,
        rung,
        clauses: original.clauses,
        facts: rationale,
        evidenceIds: original.evidenceIds,
        guaranteeClaim: original.guaranteeClaim,
        legalFlag: original.legalFlag,
      },
      proposedBy: input.userId,
      viewId: null,
      at: now,
      config: deps.config,
    });
    return { record: proposed, proposal: `P${proposal.seq}` };
  });
  deps.wakeScheduler();
  return result;
}
