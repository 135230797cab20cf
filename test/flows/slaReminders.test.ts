import { describe, expect, it } from "vitest";
import { slackDate } from "../../src/slack/views/mrkdwn.ts";
import { moveCase } from "../support/caseState.ts";
import { USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { SLA_CASE as CASE, MINUTE, OWNER, useSlaDesk } from "../support/slaDesk.ts";
import { la } from "../support/wallTime.ts";

const desk = useSlaDesk();

describe("SLA clocks and reminders", () => {
  describe("a SEV2 first response (2 h calendar), opened Wednesday 10:00", () => {
    it("reminds the opener in the war room at 60, 108 and 120 minutes, each once, across a restart", async () => {
      const opened = await desk.openSev2();
      const due = opened + 120 * MINUTE;
      const fifty = `⏱ <@${OWNER}> First response is 50 % through (due ${slackDate(due)}).`;
      const ninety = `⏱ <@${OWNER}> First response is 90 % through (due ${slackDate(due)}).`;
      const breached = `⏱ <@${OWNER}> First response breached (was due ${slackDate(due)}).`;

      await desk.settleAt(opened, 59);
      expect(desk.remindersIn(desk.roomId())).toEqual([]);
      await desk.settleAt(opened, 60);
      await desk.h.settle();
      expect(desk.remindersIn(desk.roomId())).toEqual([fifty]);

      // A case change re-reads the clocks: the 50 % it finds already reminded stays reminded.
      desk.h.clock.set(opened + 70 * MINUTE);
      moveCase(desk.h, CASE, "investigating", OWNER);
      await desk.h.settle();
      await desk.h.restart();
      await desk.settleAt(opened, 107);
      expect(desk.remindersIn(desk.roomId())).toEqual([fifty]);
      await desk.settleAt(opened, 108);
      await desk.h.settle();
      expect(desk.remindersIn(desk.roomId())).toEqual([fifty, ninety]);

      await desk.settleAt(opened, 119);
      expect(desk.remindersIn(desk.roomId())).toEqual([fifty, ninety]);
      await desk.settleAt(opened, 120);
      await desk.settleAt(opened, 180);
      await desk.settleAt(opened, 240);
      expect(desk.remindersIn(desk.roomId())).toEqual([fifty, ninety, breached]);

      expect(desk.reminderEvents()).toEqual(
        [0.5, 0.9, 1].map((threshold) =>
          expect.objectContaining({
            actor: desk.h.desk.deps.botUserId,
            clock: "first_response",
            threshold,
            cycleStart: opened,
            channel: desk.roomId(),
          }),
        ),
      );
      const ts = desk.h.fake
        .messages(desk.roomId())
        .filter((m) => m.text?.startsWith("⏱"))
        .map((m) => m.ts);
      expect(desk.reminderEvents().map((e) => e.ts)).toEqual(ts);
    });

    it("mentions the owner once the case has one", async () => {
      const opened = await desk.openSev2();
      const res = await desk.h.driver.command({
        text: `assign <@${USERS.lead}|lead>`,
        userId: OWNER,
        channelId: desk.roomId(),
      });
      expect(jsonText(res.body)).toContain(USERS.lead);
      await desk.settleAt(opened, 60);
      expect(desk.remindersIn(desk.roomId())).toEqual([
        expect.stringMatching(/^⏱ <@U0LEAD1> First response is 50 % through/),
      ]);
    });

    it("shows the due time, and the time left as of its last render, in the pinned summary", async () => {
      const opened = await desk.openSev2();
      const due = slackDate(opened + 120 * MINUTE);
      expect(desk.pinnedSummary()).toContain(
        `*First response:* :hourglass_flowing_sand: due ${due} · 2 h left as of ${slackDate(opened)}`,
      );
      expect(desk.pinnedSummary()).toContain("*Next update:* starts with the first response");
      // SEV2 resolution: three business days of eight hours.
      expect(desk.pinnedSummary()).toContain(`· 24 h of business time left as of ${slackDate(opened)}`);
      // The 50 % reminder is a case change: the summary is re-rendered with it.
      await desk.settleAt(opened, 60);
      expect(desk.pinnedSummary()).toContain(
        `*First response:* :hourglass_flowing_sand: due ${due} · 1 h left as of ${slackDate(opened + 60 * MINUTE)}`,
      );
      await desk.settleAt(opened, 120);
      expect(desk.pinnedSummary()).toContain(`*First response:* :red_circle: breached at ${due}`);
    });

    it("says nothing in the pinned summary that goes stale while nothing changes", async () => {
      const opened = await desk.openSev2();
      for (const minutes of [60, 108, 120]) await desk.settleAt(opened, minutes);
      const lastRender = slackDate(opened + 120 * MINUTE);
      // Three hours after the breach reminder, the last change to the case: the summary was not re-rendered.
      await desk.settleAt(opened, 300);
      const summary = desk.pinnedSummary();
      expect(summary).toContain(`*First response:* :red_circle: breached at ${slackDate(opened + 120 * MINUTE)}`);
      expect(summary).toContain(`of business time left as of ${lastRender}`);
      expect(summary).not.toMatch(/\d+ (min|h|d) ago/);
    });

    it("stops reminding once a mediation contact answers it, and starts the next-update clock", async () => {
      const opened = await desk.openSev2();
      await desk.settleAt(opened, 30);
      await desk.logMediationContact();
      await desk.h.settle();
      expect(desk.pinnedSummary()).toContain(
        `*First response:* :white_check_mark: met ${slackDate(opened + 30 * MINUTE)}`,
      );
      // SEV2 next update: one business day (480 min) from Wednesday 10:30, so due Thursday 10:30.
      expect(desk.pinnedSummary()).toContain(
        `*Next update:* :hourglass_flowing_sand: due ${slackDate(la("2026-11-26 10:30"))} · 8 h of business time left as of ${slackDate(opened + 30 * MINUTE)}`,
      );

      for (const minutes of [60, 108, 120, 180]) await desk.settleAt(opened, minutes);
      expect(desk.remindersIn(desk.roomId())).toEqual([]);

      // Its 50 %: 240 business minutes after 10:30 is 14:30 the same Wednesday.
      await desk.settleAt(opened, 269);
      expect(desk.remindersIn(desk.roomId())).toEqual([]);
      await desk.settleAt(opened, 270);
      expect(desk.remindersIn(desk.roomId())).toEqual([
        expect.stringMatching(/^⏱ <@U0SPEC1> Next update is 50 % through/),
      ]);
      expect(desk.reminderEvents()).toEqual([
        expect.objectContaining({ clock: "next_update", threshold: 0.5, cycleStart: opened + 30 * MINUTE }),
      ]);
    });

    it("posts nothing for a case closed before its clocks run out", async () => {
      const opened = await desk.openSev2();
      moveCase(desk.h, CASE, "investigating", OWNER);
      moveCase(desk.h, CASE, "merged", OWNER);
      for (const minutes of [60, 108, 120]) await desk.settleAt(opened, minutes);
      expect(desk.remindersIn(desk.roomId())).toEqual([]);
      expect(desk.reminderEvents()).toEqual([]);
    });
  });
});
