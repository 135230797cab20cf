import { describe, expect, it } from "vitest";
import { slackDate } from "../../src/slack/views/mrkdwn.ts";
import { moveCase } from "../support/caseState.ts";
import { USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { SLA_CASE as CASE, OWNER, useSlaDesk } from "../support/slaDesk.ts";
import { la } from "../support/wallTime.ts";

const desk = useSlaDesk();

describe("SLA clocks and reminders", () => {
  describe("a SEV3 first response (one business day = 480 business minutes), opened Friday 16:00", () => {
    it("pauses while waiting on the reporter and breaches at the business minute the wait pushed it to", async () => {
      // Counted: Friday 16:00–17:00 (60) and Monday 09:00–10:00 (60) = 120, then it waits until
      // Tuesday 13:00. The 360 left run Tuesday 13:00–17:00 (240) and Wednesday 09:00–11:00 (120):
      // breach Wednesday 11:00. 50 % (240) is Tuesday 15:00; 90 % (432) is Wednesday 10:12.
      // Without the wait it would have breached Monday 16:00.
      desk.h.clock.set(la("2026-12-04 16:00"));
      await submitIntake(desk.h, intakeValues());
      await desk.h.settle();
      const [{ triage_ts: thread = "" } = {}] = desk.sql<{ triage_ts: string }>("SELECT triage_ts FROM cases");
      const triageSummary = () => jsonText(desk.h.fake.message(desk.h.triageChannelId, thread)?.blocks);
      const reminders = () => desk.remindersIn(desk.h.triageChannelId, thread);

      desk.h.clock.set(la("2026-12-07 10:00"));
      moveCase(desk.h, CASE, "investigating", OWNER);
      moveCase(desk.h, CASE, "waiting_reporter", OWNER);
      await desk.h.settle();
      expect(triageSummary()).toContain("*First response:* :double_vertical_bar: paused (waiting on reporter)");
      for (const at of ["2026-12-07 12:00", "2026-12-07 16:00", "2026-12-08 12:59"]) {
        desk.h.clock.set(la(at));
        await desk.h.settle();
      }
      expect(reminders()).toEqual([]);

      desk.h.clock.set(la("2026-12-08 13:00"));
      moveCase(desk.h, CASE, "investigating", OWNER);
      await desk.h.settle();
      expect(triageSummary()).toContain(
        `*First response:* :hourglass_flowing_sand: due ${slackDate(la("2026-12-09 11:00"))} · 6 h of business time left as of ${slackDate(la("2026-12-08 13:00"))}`,
      );

      const expected: Array<[string, string[]]> = [
        ["2026-12-08 14:59", []],
        ["2026-12-08 15:00", ["50 %"]],
        ["2026-12-08 17:30", ["50 %"]],
        ["2026-12-09 10:11", ["50 %"]],
        ["2026-12-09 10:12", ["50 %", "90 %"]],
        ["2026-12-09 10:59", ["50 %", "90 %"]],
        ["2026-12-09 11:00", ["50 %", "90 %", "breached"]],
        ["2026-12-10 11:00", ["50 %", "90 %", "breached"]],
      ];
      for (const [at, seen] of expected) {
        desk.h.clock.set(la(at));
        await desk.h.settle();
        expect({ at, reminders: reminders().map((r) => /(\d+ %|breached)/.exec(r)?.[1]) }).toEqual({
          at,
          reminders: seen,
        });
      }
      expect(reminders()[2]).toBe(
        `⏱ <@${OWNER}> First response breached (was due ${slackDate(la("2026-12-09 11:00"))}).`,
      );
    });
  });

  describe("a calendar change", () => {
    it("re-plans the reminders of open cases at once", async () => {
      // A SEV3 opened Wednesday 08:00 on 09:00–17:00 hours counts from 09:00: its 50 % (240 business
      // minutes) falls at 13:00. At 08:30 a lead opens Wednesday at 08:00, so it counts from 08:00 and
      // the 50 % falls at 12:00: the check planned for 13:00 would be an hour late.
      desk.h.clock.set(la("2026-11-25 08:00"));
      await submitIntake(desk.h, intakeValues());
      await desk.h.settle();
      const [{ triage_ts: thread = "" } = {}] = desk.sql<{ triage_ts: string }>("SELECT triage_ts FROM cases");
      const reminders = () => desk.remindersIn(desk.h.triageChannelId, thread);

      desk.h.clock.set(la("2026-11-25 08:30"));
      const changed = await desk.h.driver.command({
        text: "hours set wed 08:00-17:00",
        userId: USERS.lead,
        channelId: desk.h.triageChannelId,
      });
      expect((changed.body as { text?: string }).text).toContain("08:00");
      await desk.h.settle();
      desk.h.clock.set(la("2026-11-25 11:59"));
      await desk.h.settle();
      expect(reminders()).toEqual([]);
      desk.h.clock.set(la("2026-11-25 12:00"));
      await desk.h.settle();
      await desk.h.settle();
      expect(reminders()).toEqual([expect.stringContaining("First response is 50 % through")]);
    });
  });
});
