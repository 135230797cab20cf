import { z } from "zod";
import type { CaseRow, ConsultRow, ConsultTeamRow } from "../../../db/schema.ts";
import { DomainError, fail } from "../../core/domainError.ts";
import { type CaseStatus, canTransition, isOpenStatus } from "../../core/lifecycle.ts";
import { cleanText } from "../../core/text.ts";
import {
  findConsultEvent,
  getConsult,
  getConsultTeamByKey,
  insertConsult,
  openConsultsOfCase,
} from "../../store/consults.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import { caseFromModal } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueConsultPing } from "../jobs/pingConsultTeam.ts";
import { enqueueConsultReminder } from "../jobs/remindOverdueConsult.ts";
import { hasSlackTarget } from "./configureConsultTeam.ts";

export const CONSULT_LIMITS = { questionMax: 2000, dueMaxMs: 30 * 24 * 60 * 60_000 } as const;

export interface RequestConsultInput {
  userId: string;
  caseId: number;
  /** The consult modal's view id: a second submission of the same view returns the first consult. */
  viewId: string;
  teamKey: string | null;
  question: string | null;
  /** Epoch milliseconds, as picked in the modal. */
  dueAt: number | null;
}

export interface RequestConsultResult {
  consult: ConsultRow;
  record: CaseRow;
  created: boolean;
}

const requestedPayload = z.object({ consultId: z.number().int().positive() });

interface ValidConsultRequest {
  team: ConsultTeamRow;
  question: string;
  dueAt: number;
}

/** The consult form's fields, as its errors name them. */
export type ConsultRequestField = "team" | "question" | "dueAt";

/** Checks every field, reporting all bad ones together under their field names. */
function validateConsultRequest(tx: Executor, input: RequestConsultInput, now: number): ValidConsultRequest {
  const errors: Partial<Record<ConsultRequestField, string>> = {};
  const team = input.teamKey ? getConsultTeamByKey(tx, input.teamKey) : undefined;
  if (!team) errors.team = "Pick the team to consult.";
  else if (!hasSlackTarget(team)) {
    errors.team = `${team.name} has no Slack group or channel yet. A lead can set one with \`/incident team ${team.key} @group\` (or #channel).`;
  }
  const question = cleanText(input.question);
  if (question === "") errors.question = "Write the question the team should answer.";
  else if (question.length > CONSULT_LIMITS.questionMax) {
    errors.question = `Keep the question within ${CONSULT_LIMITS.questionMax} characters.`;
  }
  const { dueAt } = input;
  if (dueAt === null) errors.dueAt = "Pick when the answer is due.";
  else if (dueAt <= now) errors.dueAt = "The due time must be in the future.";
  else if (dueAt > now + CONSULT_LIMITS.dueMaxMs) errors.dueAt = "The due time must be within 30 days.";
  if (!team || dueAt === null || Object.keys(errors).length > 0) {
    throw new DomainError("invalid_input", Object.values(errors).join(" "), { fields: errors });
  }
  return { team, question, dueAt };
}

/**
 * Where the case goes back to once its consults are answered: its status now, or, when it already
 * waits on another consult, what that consult will return it to.
 */
function resumeStatusOf(tx: Executor, record: CaseRow): CaseStatus {
  if (record.status !== "waiting_consult") return record.status;
  return openConsultsOfCase(tx, record.id)[0]?.resumeStatus ?? "investigating";
}

/** Records a consult and moves the case to waiting on it; the team is pinged and reminded by jobs. */
export function requestConsult(deps: FlowDeps, input: RequestConsultInput): RequestConsultResult {
  const now = deps.clock.now();
  const result = inTransaction(deps.db, (tx): RequestConsultResult => {
    const record = caseFromModal(deps, input.userId, input.caseId, "consult.request");
    const earlier = findConsultEvent(tx, {
      caseId: record.id,
      kind: "consult_requested",
      field: "viewId",
      value: input.viewId,
    });
    const earlierConsult = earlier ? getConsult(tx, requestedPayload.parse(earlier).consultId) : undefined;
    if (earlierConsult) return { consult: earlierConsult, record, created: false };

    const status = record.status;
    if (!isOpenStatus(status)) fail("conflict", `${record.humanId} is ${record.status}; reopen it before consulting.`);
    const { team, question, dueAt } = validateConsultRequest(tx, input, now);
    const consult = insertConsult(tx, {
      caseId: record.id,
      teamId: team.id,
      question,
      dueAt,
      status: "open",
      requestedBy: input.userId,
      requestedAt: now,
      resumeStatus: resumeStatusOf(tx, record),
    });
    const updated = recordCaseChange(tx, record, {
      actor: input.userId,
      at: now,
      kind: "consult_requested",
      payload: { consultId: consult.id, team: team.key, question, dueAt, viewId: input.viewId },
      // A case already waiting on a consult stays so; a new or triaged one cannot wait yet and keeps its status.
      ...(canTransition(status, "waiting_consult") ? { moveTo: "waiting_consult" as const } : {}),
    });
    enqueueConsultPing(tx, consult, "ping", now);
    enqueueConsultReminder(tx, consult, 1, dueAt, now);
    return { consult, record: updated, created: true };
  });
  if (result.created) {
    deps.log.info({ caseId: result.record.humanId, consultId: result.consult.id }, "consult requested");
    deps.wakeScheduler();
  }
  return result;
}
