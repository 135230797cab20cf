import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { remindShiftJob } from "../../flows/jobs/remindShift.ts";
import { dueShiftReminder } from "../../flows/onCall/shiftReminders.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildShiftReminder } from "../views/shiftMessages.ts";
import { postToEach } from "./postMessages.ts";

/** Job, `lead` before a weekend or holiday shift: DMs its person the open SEV1/SEV2 cases, if it is still theirs. */
export async function remindShift(deps: SlackDeps, payload: PayloadOf<typeof remindShiftJob>): Promise<void> {
  const { userId, startsAt, reminder } = dueShiftReminder(deps, payload);
  if (!reminder) {
    deps.log.info({ userId, startsAt }, "shift changed since it was planned; no reminder");
    return;
  }
  await postToEach(deps, [userId], buildShiftReminder(reminder));
  deps.log.info({ userId, startsAt, cases: reminder.total }, "shift reminder sent");
}
