import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackDate } from "../../src/slack/views/mrkdwn.ts";
import { moveCase } from "../support/caseState.ts";
import { type Harness, USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { SLA_CASE as CASE, MINUTE, OWNER, SlaDesk } from "../support/slaDesk.ts";
import { la } from "../support/wallTime.ts";

const desk = new SlaDesk();
const { reminderEvents, roomId, remindersIn, pinnedSummary, settleAt, openSev2, logMediationContact } = desk;
let h: Harness;

beforeEach(async () => {
  h = await desk.open();
});
afterEach(desk.close);

describe("SLA clocks and reminders", () => {
  describe("a SEV2 first response (2 h calendar), opened Wednesday 10:00", () => {
    it("reminds the opener in the war room at 60, 108 and 120 minutes, each once, across a restart", async () => {
      const opened = await openSev2();
      const due = opened + 120 * MINUTE;
      const fifty = `⏱ <@${OWNER}> First response is 50 % through (due ${slackDate(due)}).`;
      const ninety = `⏱ <@${OWNER}> First response is 90 % through (due ${slackDate(due)}).`;
      const breached = `⏱ <@${OWNER}> First response breached (was due ${slackDate(due)}).`;

      await settleAt(opened, 59);
      expect(remindersIn(roomId())).toEqual([]);
      await settleAt(opened, 60);
      await h.settle();
      expect(remindersIn(roomId())).toEqual([fifty]);

      // A case change re-reads the clocks: the 50 % it finds already reminded stays reminded.
      h.clock.set(opened + 70 * MINUTE);
      moveCase(h, CASE, "investigating", OWNER);
      await h.settle();
      await h.restart();
      await settleAt(opened, 107);
      expect(remindersIn(roomId())).toEqual([fifty]);
      await settleAt(opened, 108);
      await h.settle();
      expect(remindersIn(roomId())).toEqual([fifty, ninety]);

      await settleAt(opened, 119);
      expect(remindersIn(roomId())).toEqual([fifty, ninety]);
      await settleAt(opened, 120);
      await settleAt(opened, 180);
      await settleAt(opened, 240);
      expect(remindersIn(roomId())).toEqual([fifty, ninety, breached]);

      expect(reminderEvents()).toEqual(
        [0.5, 0.9, 1].map((threshold) =>
          expect.objectContaining({
            actor: h.desk.deps.botUserId,
            clock: "first_response",
            threshold,
            cycleStart: opened,
            channel: roomId(),
          }),
        ),
      );
      const ts = h.fake
        .messages(roomId())
        .filter((m) => m.text?.startsWith("⏱"))
        .map((m) => m.ts);
      expect(reminderEvents().map((e) => e.ts)).toEqual(ts);
    });

    it("mentions the owner once the case has one", async () => {
      const opened = await openSev2();
      const res = await h.driver.command({ text: `assign <@${USERS.lead}|lead>`, userId: OWNER, channelId: roomId() });
      expect(jsonText(res.body)).toContain(USERS.lead);
      await settleAt(opened, 60);
      expect(remindersIn(roomId())).toEqual([expect.stringMatching(/^⏱ <@U0LEAD1> First response is 50 % through/)]);
    });

    it("shows the due time, and the time left as of its last render, in the pinned summary", async () => {
      const opened = await openSev2();
      const due = slackDate(opened + 120 * MINUTE);
      expect(pinnedSummary()).toContain(
        `*First response:* :hourglass_flowing_sand: due ${due} · 2 h left as of ${slackDate(opened)}`,
      );
      expect(pinnedSummary()).toContain("*Next update:* starts with the first response");
      // SEV2 resolution: three business days of eight hours.
      expect(pinnedSummary()).toContain(`· 24 h of business time left as of ${slackDate(opened)}`);
      // The 50 % reminder is a case change: the summary is re-rendered with it.
      await settleAt(opened, 60);
      expect(pinnedSummary()).toContain(
        `*First response:* :hourglass_flowing_sand: due ${due} · 1 h left as of ${slackDate(opened + 60 * MINUTE)}`,
      );
      await settleAt(opened, 120);
      expect(pinnedSummary()).toContain(`*First response:* :red_circle: breached at ${due}`);
    });

    it("says nothing in the pinned summary that goes stale while nothing changes", async () => {
      const opened = await openSev2();
      for (const minutes of [60, 108, 120]) await settleAt(opened, minutes);
      const lastRender = slackDate(opened + 120 * MINUTE);
      // Three hours after the breach reminder, the last change to the case: the summary was not re-rendered.
      await settleAt(opened, 300);
      const summary = pinnedSummary();
      expect(summary).toContain(`*First response:* :red_circle: breached at ${slackDate(opened + 120 * MINUTE)}`);
      expect(summary).toContain(`of business time left as of ${lastRender}`);
      expect(summary).not.toMatch(/\d+ (min|h|d) ago/);
    });

    it("stops reminding once a mediation contact answers it, and starts the next-update clock", async () => {
      const opened = await openSev2();
      await settleAt(opened, 30);
      await logMediationContact();
      await h.settle();
      expect(pinnedSummary()).toContain(`*First response:* :white_check_mark: met ${slackDate(opened + 30 * MINUTE)}`);
      // SEV2 next update: one business day (480 min) from Wednesday 10:30, so due Thursday 10:30.
      expect(pinnedSummary()).toContain(
        `*Next update:* :hourglass_flowing_sand: due ${slackDate(la("2026-11-26 10:30"))} · 8 h of business time left as of ${slackDate(opened + 30 * MINUTE)}`,
      );

      for (const minutes of [60, 108, 120, 180]) await settleAt(opened, minutes);
      expect(remindersIn(roomId())).toEqual([]);

      // Its 50 %: 240 business minutes after 10:30 is 14:30 the same Wednesday.
      await settleAt(opened, 269);
      expect(remindersIn(roomId())).toEqual([]);
      await settleAt(opened, 270);
      expect(remindersIn(roomId())).toEqual([expect.stringMatching(/^⏱ <@U0SPEC1> Next update is 50 % through/)]);
      expect(reminderEvents()).toEqual([
        expect.objectContaining({ clock: "next_update", threshold: 0.5, cycleStart: opened + 30 * MINUTE }),
      ]);
    });

    it("posts nothing for a case closed before its clocks run out", async () => {
      const opened = await openSev2();
      moveCase(h, CASE, "investigating", OWNER);
      moveCase(h, CASE, "merged", OWNER);
      for (const minutes of [60, 108, 120]) await settleAt(opened, minutes);
      expect(remindersIn(roomId())).toEqual([]);
      expect(reminderEvents()).toEqual([]);
    });
  });
});
