import type { CaseRow } from "../../db/schema.ts";
import { isOpenStatus } from "../core/lifecycle.ts";
import { reachedThreshold } from "../core/slaClock.ts";
import type { TimelineEventKind } from "../core/timelineEvents.ts";
import { buildSlaReminder } from "../slack/views/slaMessages.ts";
import { loadCalendar } from "../store/calendars.ts";
import { type Executor, inTransaction } from "../store/database.ts";
import { eventsOfKind, timelinePayload } from "../store/events.ts";
import { recordCaseChange } from "./caseChange.ts";
import { loadJobCase } from "./caseJobs.ts";
import type { FlowDeps } from "./deps.ts";
import { postToCaseRoom } from "./postMessages.ts";
import { type SlaReminderPayload, slaReminderPayload } from "./slaReminders.ts";
import { slaClocksOfCase } from "./slaStatus.ts";

export const SLA_REMINDER_EVENT = "sla_reminder" satisfies TimelineEventKind;

/**
 * Job: posts one SLA reminder in the case's room, mentioning its owner (or its opener while it has
 * none), and records it on the timeline. Checked again as it runs: a case closed, a clock fulfilled or
 * paused, a new cycle, or a higher threshold reached since it was queued makes it moot.
 */
export async function remindSla(deps: FlowDeps, payload: unknown): Promise<void> {
  const reminder = slaReminderPayload.parse(payload);
  const due = reminderStillDue(deps, reminder, deps.clock.now());
  if (!due) return;
  const notify = due.record.ownerId ?? due.record.createdBy;
  const posted = await postToCaseRoom(
    deps,
    due.record,
    buildSlaReminder({ humanId: due.record.humanId, notify, ...reminder, dueAt: due.dueAt }),
  );
  inTransaction(deps.db, (tx) => {
    recordCaseChange(tx, loadJobCase(tx, payload), {
      actor: deps.botUserId,
      at: deps.clock.now(),
      kind: SLA_REMINDER_EVENT,
      payload: {
        clock: reminder.clock,
        threshold: reminder.threshold,
        cycleStart: reminder.cycleStart,
        dueAt: due.dueAt,
        notified: notify,
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
