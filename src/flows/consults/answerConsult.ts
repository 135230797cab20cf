import type { CaseRow, ConsultRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { type CaseStatus, canTransition, isCaseStatus } from "../../core/lifecycle.ts";
import { seesOnlyConsultedCases } from "../../core/permissions.ts";
import { cleanText } from "../../core/text.ts";
import { getCase } from "../../store/cases.ts";
import {
  answerOpenConsult,
  consultsOfCase,
  getConsult,
  getConsultTeam,
  isConsultRecipient,
  openConsultsOfCase,
  recipientsOfConsult,
} from "../../store/consults.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import { caseFromCommand } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueConsultPing } from "../jobs/pingConsultTeam.ts";
import { assertMayOnCase, NOT_PERMITTED, userRole } from "../roles/access.ts";
import { type ConsultOnCase, loadConsultOnCase } from "./loadConsultOnCase.ts";

export const CONSULT_ANSWER_LIMIT = 3000;
/** The answer form's one field, as its errors name it. */
export const ANSWER_FIELD = "answer";

/** A consultant sees and answers only the consults sent to them (DESIGN §3 Roles); the team sees all. */
function seesConsult(tx: Executor, userId: string, consult: ConsultRow): boolean {
  return !seesOnlyConsultedCases(userRole(tx, userId)) || isConsultRecipient(tx, consult.id, userId);
}

/**
 * The consult behind an Answer button or answer modal, if this person may answer it now. A consult
 * that does not exist is refused like one on a case the person may not see.
 */
export function consultToAnswer(tx: Executor, userId: string, consultId: number): ConsultOnCase {
  const consult = getConsult(tx, consultId);
  const record = consult ? getCase(tx, consult.caseId) : undefined;
  assertMayOnCase(tx, userId, "consult.answer", record, "That consult no longer exists.");
  if (!consult || !seesConsult(tx, userId, consult)) fail("not_permitted", NOT_PERMITTED);
  if (consult.status === "answered") fail("conflict", "This consult has already been answered.");
  if (consult.status !== "open") fail("conflict", "This consult was cancelled; there is nothing to answer.");
  return loadConsultOnCase(tx, consult.id);
}

/** Where the case goes once its last open consult is answered: where it was, if the lifecycle allows. */
function resumeTarget(resumeStatus: string): CaseStatus {
  return isCaseStatus(resumeStatus) && canTransition("waiting_consult", resumeStatus) ? resumeStatus : "investigating";
}

export interface AnswerConsultInput {
  userId: string;
  consultId: number;
  answer: string | null;
}

/** Records the answer; the case resumes when no other consult is open, and the room hears the answer (job). */
export function answerConsult(deps: FlowDeps, input: AnswerConsultInput): { consult: ConsultRow; record: CaseRow } {
  const now = deps.clock.now();
  const result = inTransaction(deps.db, (tx) => {
    const { consult, team, record } = consultToAnswer(tx, input.userId, input.consultId);
    const answer = cleanText(input.answer);
    if (answer === "") fail("invalid_input", "Write the answer.", { field: ANSWER_FIELD });
    if (answer.length > CONSULT_ANSWER_LIMIT) {
      fail("invalid_input", `Keep the answer within ${CONSULT_ANSWER_LIMIT} characters.`, {
        field: ANSWER_FIELD,
      });
    }
    const answered =
      answerOpenConsult(tx, consult.id, { answer, answeredBy: input.userId, answeredAt: now }) ??
      fail("conflict", "This consult has already been answered.");
    const resumes = record.status === "waiting_consult" && openConsultsOfCase(tx, record.id).length === 0;
    const updated = recordCaseChange(tx, record, {
      actor: input.userId,
      at: now,
      kind: "consult_answered",
      payload: { consultId: consult.id, team: team.key, answer },
      ...(resumes ? { moveTo: resumeTarget(consult.resumeStatus) } : {}),
    });
    enqueueConsultPing(tx, answered, "answered", now);
    return { consult: answered, record: updated };
  });
  deps.log.info({ caseId: result.record.humanId, consultId: result.consult.id }, "consult answered");
  deps.wakeScheduler();
  return result;
}

export interface OwedConsult {
  consult: ConsultRow;
  teamName: string;
  recipients: string[];
}

/** `/incident consult list`: the case's consults this person may see, with who owes each answer. */
export function consultsOwed(
  deps: FlowDeps,
  input: { userId: string; idText: string | undefined; channelId: string },
): { record: CaseRow; consults: OwedConsult[] } {
  const record = caseFromCommand(deps, input, "consult.read");
  const consults = consultsOfCase(deps.db, record.id)
    .filter((consult) => seesConsult(deps.db, input.userId, consult))
    .map((consult) => ({
      consult,
      teamName: getConsultTeam(deps.db, consult.teamId)?.name ?? "Unknown team",
      recipients: recipientsOfConsult(deps.db, consult.id),
    }));
  return { record, consults };
}
