import { z } from "zod";
import type { CaseRow, PageRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { isOpenStatus } from "../../core/lifecycle.ts";
import { PAGE_STEPS, type PageStepName, type PageTarget, pageStepAction, pageStepDueAt } from "../../core/paging.ts";
import type { PostedMessage } from "../../core/postedMessage.ts";
import type { TimelineEventKind, TimelinePayloads } from "../../core/timelineEvents.ts";
import type { JobDeferral } from "../../scheduler/scheduler.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { eventsOfCase, timelinePayload } from "../../store/events.ts";
import { jobByKey } from "../../store/jobs.ts";
import { getPage, updatePage } from "../../store/pages.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import type { FlowDeps } from "../deps.ts";
import type { closePageMessagesJob } from "../jobs/closePageMessages.ts";
import type { PayloadOf } from "../jobs/defineJob.ts";
import { notifyPageJob } from "../jobs/notifyPage.ts";
import { type WarRoomState, warRoomStateOf } from "../warRooms/warRoomStateOf.ts";

const postedMessage = z.object({ channel: z.string(), ts: z.string() });
type PageMessageEvent = "page_sent" | "page_escalated";
const isPageMessageEvent = (kind: TimelineEventKind): kind is PageMessageEvent =>
  kind === "page_sent" || kind === "page_escalated";

const later = (a: PageStepName, b: PageStepName) => (PAGE_STEPS.indexOf(a) >= PAGE_STEPS.indexOf(b) ? a : b);

/** A step to take now: whom it reaches, and what its message shows. */
export interface DuePageStep {
  target: PageTarget;
  record: CaseRow;
  page: PageRow;
  step: PageStepName;
  warRoom: WarRoomState;
}

/**
 * Whether a page's step is to be taken now, later (waiting for its time or the step before it), or not
 * at all: an acknowledged page, a step already passed, or a closed case makes it a no-op.
 */
export function duePageStep(
  deps: FlowDeps,
  { pageId, step }: PayloadOf<typeof notifyPageJob>,
): DuePageStep | JobDeferral | undefined {
  const page = getPage(deps.db, pageId) ?? fail("not_found", `page ${pageId} does not exist`);
  const record = getCase(deps.db, page.caseId) ?? fail("not_found", `case ${page.caseId} does not exist`);
  // A case closed or merged while its page was unanswered needs nobody any more.
  if (!isOpenStatus(record.status)) return undefined;
  const target = pageStepAction(page, step);
  if (!target) return undefined;
  const previous = PAGE_STEPS[PAGE_STEPS.indexOf(step) - 1];
  const previousJob = previous ? jobByKey(deps.db, notifyPageJob.key({ pageId, step: previous })) : undefined;
  const previousDueAt = previousJob && !previousJob.doneAt && !previousJob.failedAt ? previousJob.runAt : undefined;
  const dueAt = pageStepDueAt(page, step, deps.clock.now(), previousDueAt);
  if (dueAt !== undefined) return { deferUntil: dueAt };
  return { target, record, page, step, warRoom: warRoomStateOf(deps.db, record) };
}

/** After the DM: the page moves to its step, and the case records whom it reached. */
export function recordPageSent(deps: FlowDeps, due: DuePageStep, to: string, message: PostedMessage | undefined): void {
  const { page, step } = due;
  recordStep(deps, page, step, {
    kind: "page_sent",
    payload: { pageId: page.id, step, to, trigger: page.trigger, requestedBy: page.requestedBy, message },
  });
  deps.log.info({ caseId: due.record.humanId, pageId: page.id, step }, "page sent");
}

/** After the channel post: the page has reached the end of its ladder, and the case records it. */
export function recordPageEscalated(deps: FlowDeps, due: DuePageStep, leads: string[], message: PostedMessage): void {
  const { page, step } = due;
  const to = deps.config.slack.escalationChannelId;
  recordStep(deps, page, "escalation_channel", {
    kind: "page_escalated",
    payload: { pageId: page.id, step, to, trigger: page.trigger, leads, message },
  });
  deps.log.info(
    { caseId: due.record.humanId, pageId: page.id, step, leads: leads.length },
    "page escalated to the channel",
  );
}

function recordStep<K extends PageMessageEvent>(
  deps: FlowDeps,
  page: PageRow,
  taken: PageStepName,
  event: { kind: K; payload: TimelinePayloads[K] },
): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const fresh = getPage(tx, page.id) ?? page;
    const step = later(fresh.step, taken);
    // An acknowledgement that came in while the message was on its way stays the last word.
    const status = fresh.status === "paging" && step === "escalation_channel" ? "exhausted" : fresh.status;
    updatePage(tx, page.id, { step, stepAt: step === taken ? now : fresh.stepAt, status });
    const record = getCase(tx, page.caseId) ?? fail("not_found", `case ${page.caseId} does not exist`);
    recordCaseChange(tx, record, { actor: deps.botUserId, at: now, kind: event.kind, payload: event.payload });
  });
}

/** An acknowledged page with every message it sent (DMs and the channel post), to mark them answered. */
export function acknowledgedPageMessages(
  deps: FlowDeps,
  { pageId }: PayloadOf<typeof closePageMessagesJob>,
): { record: CaseRow; page: PageRow; warRoom: WarRoomState; messages: PostedMessage[] } | undefined {
  const page = getPage(deps.db, pageId) ?? fail("not_found", `page ${pageId} does not exist`);
  if (page.status !== "acknowledged") return undefined;
  const record = getCase(deps.db, page.caseId) ?? fail("not_found", `case ${page.caseId} does not exist`);
  const messages = eventsOfCase(deps.db, page.caseId).flatMap((event) => {
    if (!isPageMessageEvent(event.kind)) return [];
    const sent = timelinePayload(event.kind, event.payload);
    const message = postedMessage.safeParse(sent.message);
    return sent.pageId === pageId && message.success ? [message.data] : [];
  });
  return { record, page, warRoom: warRoomStateOf(deps.db, record), messages };
}
