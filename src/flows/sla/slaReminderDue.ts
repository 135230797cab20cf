import type { CaseRow } from "../../../db/schema.ts";
import { caseContact } from "../../core/caseContact.ts";
import { isOpenStatus } from "../../core/lifecycle.ts";
import type { PostedMessage } from "../../core/postedMessage.ts";
import { reachedThreshold } from "../../core/slaClock.ts";
import type { TimelineEventKind } from "../../core/timelineEvents.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { eventsOfKind, timelinePayload } from "../../store/events.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import { loadJobCase } from "../cases/loadJobCase.ts";
import type { FlowDeps } from "../deps.ts";
import type { SlaReminderPayload } from "../jobs/remindSla.ts";
import { slaClocksOfCase } from "./slaStatus.ts";

export const SLA_REMINDER_EVENT = "sla_reminder" satisfies TimelineEventKind;

/**
 * A reminder still to post: the case, whom to mention (its owner, or its opener while it has none; null for a
 * case the bot opened that nobody owns yet, reminded in the triage channel), the due time.
 */
export interface DueSlaReminder {
  reminder: SlaReminderPayload;
  record: CaseRow;
  notify: string | null;
  dueAt: number;
}

/**
 * Checked again as the job runs: a case closed, a clock fulfilled or paused, a new cycle, or a higher
 * threshold reached since it was queued makes the reminder moot.
 */
export function dueSlaReminder(deps: FlowDeps, reminder: SlaReminderPayload): DueSlaReminder | undefined {
  const due = reminderStillDue(deps, reminder, deps.clock.now());
  if (!due) return undefined;
  return { reminder, record: due.record, notify: caseContact(due.record, deps.botUserId), dueAt: due.dueAt };
}

/** Records the posted reminder on the timeline, so a rerun finds it and posts nothing. */
export function recordSlaReminder(deps: FlowDeps, due: DueSlaReminder, posted: PostedMessage): void {
  const { reminder } = due;
  inTransaction(deps.db, (tx) => {
    recordCaseChange(tx, loadJobCase(tx, reminder), {
      actor: deps.botUserId,
      at: deps.clock.now(),
      kind: SLA_REMINDER_EVENT,
      payload: {
        clock: reminder.clock,
        threshold: reminder.threshold,
        cycleStart: reminder.cycleStart,
        dueAt: due.dueAt,
        notified: due.notify,
        channel: posted.channel,
        ts: posted.ts,
      },
    });
  });
  deps.log.info({ caseId: due.record.humanId, clock: reminder.clock, threshold: reminder.threshold }, "SLA reminded");
  deps.wakeScheduler();
}

function reminderStillDue(
  deps: FlowDeps,
  reminder: SlaReminderPayload,
  now: number,
): { record: CaseRow; dueAt: number } | undefined {
  const record = loadJobCase(deps.db, reminder);
  if (!isOpenStatus(record.status)) return undefined;
  // A rerun after the reminder was recorded (a crash before its job was marked done) finds it on the
  // timeline; a crash between the post and the record can still post it twice, as at-least-once delivery does.
  if (alreadyReminded(deps.db, reminder)) return undefined;
  const calendar = loadCalendar(deps.db, deps.config.businessTimeZone);
  const clock = slaClocksOfCase(deps.db, record, calendar, now).find((c) => c.name === reminder.clock);
  if (!clock || clock.dueAt === null || clock.cycleStart !== reminder.cycleStart) return undefined;
  if (reachedThreshold(clock) !== reminder.threshold) return undefined;
  return { record, dueAt: clock.dueAt };
}

function alreadyReminded(tx: Executor, reminder: SlaReminderPayload): boolean {
  return eventsOfKind(tx, reminder.caseId, SLA_REMINDER_EVENT).some((row) => {
    const sent = timelinePayload(SLA_REMINDER_EVENT, row.payload);
    return (
      sent.clock === reminder.clock && sent.cycleStart === reminder.cycleStart && sent.threshold === reminder.threshold
    );
  });
}
