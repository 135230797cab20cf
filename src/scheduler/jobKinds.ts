import { z } from "zod";
import { PAGE_STEPS } from "../core/paging.ts";
import { SLA_CLOCK_NAMES } from "../core/slaClock.ts";

/** Job kinds, one per side effect; src/slack/jobs/index.ts gives each its handler. */
export const JOB = {
  createWarRoom: "war_room.create",
  inviteToWarRoom: "war_room.invite",
  setWarRoomTopic: "war_room.topic",
  postSummary: "summary.post",
  pinSummary: "summary.pin",
  refreshSummary: "summary.refresh",
  announceCase: "triage.announce",
  pingConsultTeam: "consult.ping",
  remindOverdueConsult: "consult.remind",
  postProposal: "proposal.post",
  escalateProposal: "proposal.escalate",
  postCloseSummary: "case.close_summary",
  archiveWarRoom: "war_room.archive",
  notifyFailure: "case.notify_failure",
  /** One step of a page's ladder: DM the primary, DM the secondary, or post to the escalation channel. */
  notifyPage: "page.notify",
  /** Once a page is acknowledged, its other DMs and channel post say so and lose their button. */
  closePageMessages: "page.close_messages",
  /** Re-reads a case's SLA clocks and queues the reminders whose threshold has passed. */
  checkSla: "sla.check",
  /** Queues a check of each open case, one window of case ids per run, so no run holds the database long. */
  sweepSla: "sla.sweep",
  remindSla: "sla.remind",
  /** Daily: queues a reminder before each weekend or holiday on-call shift in the days ahead. */
  planShiftReminders: "oncall.plan_shifts",
  remindShift: "oncall.shift_remind",
} as const;

export type JobKind = (typeof JOB)[keyof typeof JOB];

const id = z.number().int().positive();
const casePayload = z.object({ caseId: id });
const closePayload = casePayload.extend({ closeSeq: id });

/**
 * Each kind's payload as stored in the jobs table: rows queued before an upgrade must still parse, so a
 * change here is a data migration. Handlers parse with these; enqueue functions build them.
 */
export const JOB_PAYLOADS = {
  [JOB.createWarRoom]: casePayload,
  [JOB.inviteToWarRoom]: casePayload.extend({ userId: z.string().min(1) }),
  [JOB.setWarRoomTopic]: casePayload,
  [JOB.postSummary]: casePayload,
  [JOB.pinSummary]: casePayload,
  [JOB.refreshSummary]: casePayload,
  [JOB.announceCase]: casePayload,
  /** `ping` reaches the team; `answered` takes the answer back to the case's room. */
  [JOB.pingConsultTeam]: z.object({ consultId: id, phase: z.enum(["ping", "answered"]).default("ping") }),
  /** `reminder` counts from 1 (the one at the due time); each has its own idempotency key. */
  [JOB.remindOverdueConsult]: z.object({ consultId: id, reminder: id }),
  /** `post` puts the proposal in the case's room; `update` re-renders it there after a vote or the decision. */
  [JOB.postProposal]: z.object({ proposalId: id, phase: z.enum(["post", "update"]).default("post") }),
  [JOB.escalateProposal]: z.object({ proposalId: id }),
  [JOB.postCloseSummary]: closePayload,
  [JOB.archiveWarRoom]: closePayload,
  [JOB.notifyFailure]: casePayload.extend({ jobKind: z.string(), error: z.string() }),
  [JOB.notifyPage]: z.object({ pageId: id, step: z.enum(PAGE_STEPS) }),
  [JOB.closePageMessages]: z.object({ pageId: id }),
  [JOB.checkSla]: casePayload,
  /** `occasion` names the sweep in each check's key; the window is (afterId, afterId + window], up to throughId. */
  [JOB.sweepSla]: z.object({
    occasion: z.string().min(1),
    afterId: z.number().int().nonnegative(),
    throughId: z.number().int().nonnegative(),
  }),
  /** One reminder: a threshold of one cycle of one clock. Its key is what makes it fire once. */
  [JOB.remindSla]: casePayload.extend({
    clock: z.enum(SLA_CLOCK_NAMES),
    cycleStart: z.number().int(),
    threshold: z.union([z.literal(0.5), z.literal(0.9), z.literal(1)]),
  }),
  [JOB.planShiftReminders]: z.object({}),
  [JOB.remindShift]: z.object({ userId: z.string().min(1), startsAt: z.number().int() }),
} as const satisfies { readonly [K in JobKind]: z.ZodType };

export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_PAYLOADS)[K]>;
