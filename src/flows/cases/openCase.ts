import type { CaseRow } from "../../../db/schema.ts";
import { formatCaseId } from "../../core/caseId.ts";
import { CATEGORY_CATALOG_VERSION } from "../../core/categories.ts";
import type { IntakeDraft, PartyDraft, PartyRole } from "../../core/intake.ts";
import { warRoomAtIntake } from "../../core/warRoomPolicy.ts";
import { getCaseByIntakeView, insertCase, nextCaseSeq } from "../../store/cases.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import { addParty, upsertAccount } from "../../store/parties.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueZendeskNote } from "../jobs/addZendeskNote.ts";
import { enqueueTriagePost } from "../jobs/announceCase.ts";
import { enqueueCreateWarRoom } from "../jobs/createWarRoom.ts";
import { pageOnIntake } from "../paging/pageOnCall.ts";
import { assertMay } from "../roles/access.ts";
import { watchSlaClocks } from "../sla/slaReminders.ts";

export interface OpenCaseInput {
  draft: IntakeDraft;
  createdBy: string;
  /** The intake modal's view id: a second submission of the same view returns the first case. */
  intakeViewId: string | null;
}

export interface OpenCaseResult {
  record: CaseRow;
  created: boolean;
}

/** Records a new case, its parties and its first timeline event, and queues its Slack side effects. */
export function openCase(deps: FlowDeps, input: OpenCaseInput): OpenCaseResult {
  const now = deps.clock.now();
  const result = inTransaction(deps.db, (tx): OpenCaseResult => {
    assertMay(tx, input.createdBy, "case.open");
    const existing = input.intakeViewId ? getCaseByIntakeView(tx, input.intakeViewId) : undefined;
    if (existing) return { record: existing, created: false };
    return { record: recordNewCase(tx, deps, input, now), created: true };
  });
  if (result.created) {
    deps.log.info({ caseId: result.record.humanId, severity: result.record.severity }, "case opened");
    deps.wakeScheduler();
  }
  return result;
}

/**
 * Inside the caller's transaction, with its permission already checked: the case, its parties, `case_opened`,
 * and the jobs intake queues (war room or triage thread, SLA clocks, a page). Intake and the Zendesk webhook share it.
 */
export function recordNewCase(tx: Executor, deps: FlowDeps, input: OpenCaseInput, now: number): CaseRow {
  const { draft } = input;
  const year = new Date(now).getUTCFullYear();
  const seq = nextCaseSeq(tx, year);
  const record = insertCase(tx, {
    humanId: formatCaseId(year, seq),
    year,
    seq,
    category: draft.category.id,
    categoryVersion: CATEGORY_CATALOG_VERSION,
    severity: draft.severity,
    status: "new",
    title: draft.title,
    description: draft.description,
    source: draft.source,
    occurredAt: draft.occurredAt,
    zendeskTicket: draft.zendeskTicket,
    createdBy: input.createdBy,
    intakeViewId: input.intakeViewId,
    createdAt: now,
    updatedAt: now,
  });
  const parties: Array<{ party: PartyDraft; role: PartyRole }> = [
    { party: draft.reporter, role: "reporter" },
    ...(draft.respondent ? [{ party: draft.respondent, role: "respondent" as const }] : []),
  ];
  for (const { party, role } of parties) {
    const account = upsertAccount(tx, party, now);
    addParty(tx, record.id, account.id, role, now);
  }
  appendEvent(tx, {
    caseId: record.id,
    at: now,
    actor: input.createdBy,
    kind: "case_opened",
    payload: {
      humanId: record.humanId,
      category: draft.category.id,
      categoryVersion: CATEGORY_CATALOG_VERSION,
      severity: draft.severity,
      title: draft.title,
      description: draft.description,
      source: draft.source,
      occurredAt: draft.occurredAt,
      zendeskTicket: draft.zendeskTicket,
      parties: parties.map(({ party, role }) => ({ role, accountRef: party.accountRef, accountRole: party.role })),
    },
  });
  if (warRoomAtIntake(draft.category, draft.severity)) {
    enqueueCreateWarRoom(tx, record, now);
  } else {
    enqueueTriagePost(tx, record, now);
  }
  enqueueZendeskNote(tx, deps.config, record, { occasion: "opened", caseId: record.id }, now);
  watchSlaClocks(tx, record, now);
  pageOnIntake(tx, deps, record, now);
  return record;
}
