import { z } from "zod";
import type { PageRow } from "../../db/schema.ts";
import { fail } from "../core/domainError.ts";
import { isOpenStatus } from "../core/lifecycle.ts";
import { PAGE_STEPS, type PageStepName, pageLadder, pageStepAction, pageStepDueAt } from "../core/paging.ts";
import type { TimelineEventKind, TimelinePayloads } from "../core/timelineEvents.ts";
import { JOB } from "../scheduler/jobKinds.ts";
import type { JobDeferral } from "../scheduler/scheduler.ts";
import { slackErrorCode } from "../scheduler/slackFailure.ts";
import { buildPageAcknowledged, buildPageDm, buildPageEscalation } from "../slack/views/pageMessages.ts";
import { getCase } from "../store/cases.ts";
import { type Executor, inTransaction } from "../store/database.ts";
import { eventsOfCase, timelinePayload } from "../store/events.ts";
import { enqueueJob, jobByKey } from "../store/jobs.ts";
import { getPage, updatePage } from "../store/pages.ts";
import { allRoles } from "../store/roles.ts";
import { recordCaseChange } from "./caseChange.ts";
import { warRoomStateOf } from "./caseJobs.ts";
import type { FlowDeps } from "./deps.ts";
import { type PostedMessage, postInChannel, postToEach } from "./postMessages.ts";

const notifyPayload = z.object({ pageId: z.number().int().positive(), step: z.enum(PAGE_STEPS) });
const pagePayload = z.object({ pageId: z.number().int().positive() });
const postedMessage = z.object({ channel: z.string(), ts: z.string() });
type PageMessageEvent = "page_sent" | "page_escalated";
const isPageMessageEvent = (kind: TimelineEventKind): kind is PageMessageEvent =>
  kind === "page_sent" || kind === "page_escalated";
// The message is gone or can no longer be edited: nothing is left to mark, and retrying would not change it.
const MESSAGE_GONE = new Set(["message_not_found", "cant_update_message", "channel_not_found", "edit_window_closed"]);

const later = (a: PageStepName, b: PageStepName) => (PAGE_STEPS.indexOf(a) >= PAGE_STEPS.indexOf(b) ? a : b);

const notifyPageKey = (pageId: number, step: PageStepName) => `${JOB.notifyPage}:${pageId}:${step}`;

/**
 * Queues every step of a new page's ladder at the earliest it may run; each step's job decides when it
 * runs whether it is still due, and waits for the step before it.
 */
export function enqueuePageSteps(tx: Executor, page: PageRow, now: number): void {
  for (const { step, at } of pageLadder(page.createdAt, page.ackMinutes)) {
    enqueueJob(
      tx,
      {
        kind: JOB.notifyPage,
        caseId: page.caseId,
        payload: { pageId: page.id, step },
        key: notifyPageKey(page.id, step),
        runAt: at,
      },
      now,
    );
  }
}

/**
 * Job, one per step of a page's ladder: DMs the primary or the secondary, or tells the escalation
 * channel and the leads. An acknowledged page, a step already passed, or a channel already told makes
 * it a no-op, so a delayed or retried job never posts twice.
 */
export async function notifyPage(deps: FlowDeps, payload: unknown): Promise<JobDeferral | undefined> {
  const { pageId, step } = notifyPayload.parse(payload);
  const page = getPage(deps.db, pageId) ?? fail("not_found", `page ${pageId} does not exist`);
  const record = getCase(deps.db, page.caseId) ?? fail("not_found", `case ${page.caseId} does not exist`);
  // A case closed or merged while its page was unanswered needs nobody any more.
  if (!isOpenStatus(record.status)) return undefined;
  const target = pageStepAction(page, step);
  if (!target) return undefined;
  const previous = PAGE_STEPS[PAGE_STEPS.indexOf(step) - 1];
  const previousJob = previous ? jobByKey(deps.db, notifyPageKey(pageId, previous)) : undefined;
  const previousDueAt = previousJob && !previousJob.doneAt && !previousJob.failedAt ? previousJob.runAt : undefined;
  const dueAt = pageStepDueAt(page, step, deps.clock.now(), previousDueAt);
  if (dueAt !== undefined) return { deferUntil: dueAt };
  const input = { record, page, step, warRoom: warRoomStateOf(deps.db, record) };

  if (target.kind === "person") {
    const [message] = await postToEach(deps, [target.userId], buildPageDm(input));
    recordStep(deps, page, step, {
      kind: "page_sent",
      payload: { pageId, step, to: target.userId, trigger: page.trigger, requestedBy: page.requestedBy, message },
    });
    deps.log.info({ caseId: record.humanId, pageId, step }, "page sent");
    return undefined;
  }

  const leads = allRoles(deps.db)
    .filter((r) => r.role === "lead")
    .map((r) => r.userId);
  const channel = deps.config.slack.escalationChannelId;
  const message: PostedMessage = await postInChannel(deps, channel, buildPageEscalation(input, leads));
  recordStep(deps, page, "escalation_channel", {
    kind: "page_escalated",
    payload: { pageId, step, to: channel, trigger: page.trigger, leads, message },
  });
  deps.log.info({ caseId: record.humanId, pageId, step, leads: leads.length }, "page escalated to the channel");
  return undefined;
}

/** After the post: the page moves to the step taken, and the case records it. */
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

/**
 * Job, after an acknowledgement: every message the page sent (DMs and the channel post) is edited to say
 * who acknowledged it, without its button, so nobody else is left thinking the page is still open.
 */
export async function closePageMessages(deps: FlowDeps, payload: unknown): Promise<void> {
  const { pageId } = pagePayload.parse(payload);
  const page = getPage(deps.db, pageId) ?? fail("not_found", `page ${pageId} does not exist`);
  if (page.status !== "acknowledged") return;
  const record = getCase(deps.db, page.caseId) ?? fail("not_found", `case ${page.caseId} does not exist`);
  const messages = eventsOfCase(deps.db, page.caseId).flatMap((event) => {
    if (!isPageMessageEvent(event.kind)) return [];
    const sent = timelinePayload(event.kind, event.payload);
    const message = postedMessage.safeParse(sent.message);
    return sent.pageId === pageId && message.success ? [message.data] : [];
  });
  const closed = buildPageAcknowledged(record, page, warRoomStateOf(deps.db, record));
  for (const message of messages) {
    await deps.slack.chat.update({ ...message, ...closed }).catch((error: unknown) => {
      if (!MESSAGE_GONE.has(slackErrorCode(error) ?? "")) throw error;
    });
  }
}
