import { describe, expect, it } from "vitest";
import { slackDate } from "../../src/slack/views/mrkdwn.ts";
import { moveCase } from "../support/caseState.ts";
import { USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { decideSanction } from "../support/sanctionDecision.ts";
import { SLA_CASE as CASE, MINUTE, OWNER, useSlaDesk } from "../support/slaDesk.ts";

const desk = useSlaDesk();

describe("SLA clocks and reminders", () => {
  describe("an appeal of a resolved SEV2 case", () => {
    it("starts fresh clocks for the appellant and reminds in the war room again", async () => {
      const opened = await desk.openSev2();
      moveCase(desk.h, CASE, "investigating", OWNER);
      await decideSanction(desk.h, {
        roomId: desk.roomId(),
        proposer: OWNER,
        approver: USERS.lead,
        rung: "suspension_30d",
        facts: "The pro took tools from the customer's garage during a booked job and refused to return them.",
      });
      // Posts in the room wait for its channel budget, so the fake clock has moved a few seconds since the intake.
      const resolvedAt = desk.h.clock.now();
      moveCase(desk.h, CASE, "resolved", USERS.lead);
      await desk.h.settle();
      expect(desk.pinnedSummary()).toContain(`*Resolution:* :white_check_mark: met ${slackDate(resolvedAt)}`);

      // A week later, Wednesday 10:00, the suspended pro appeals.
      await desk.settleAt(opened, 7 * 24 * 60);
      const appealedAt = desk.h.clock.now();
      const appeal = await desk.h.driver.command({
        text: "appeal D1 New evidence: the tools were returned",
        userId: OWNER,
        channelId: desk.roomId(),
      });
      expect(jsonText(appeal.body)).toContain("under appeal against TS-2026-0001-D1");
      await desk.h.settle();
      const due = slackDate(appealedAt + 120 * MINUTE);
      expect(desk.pinnedSummary()).toContain(`*First response:* :hourglass_flowing_sand: due ${due}`);
      expect(desk.pinnedSummary()).toContain("*Next update:* starts with the first response");
      expect(desk.pinnedSummary()).toContain(`*Resolution:* :hourglass_flowing_sand: due`);

      await desk.settleAt(appealedAt, 59);
      expect(desk.remindersIn(desk.roomId())).toEqual([]);
      for (const minutes of [60, 108, 120]) await desk.settleAt(appealedAt, minutes);
      expect(desk.remindersIn(desk.roomId())).toEqual([
        `⏱ <@${OWNER}> First response is 50 % through (due ${due}).`,
        `⏱ <@${OWNER}> First response is 90 % through (due ${due}).`,
        `⏱ <@${OWNER}> First response breached (was due ${due}).`,
      ]);

      // Twenty days on, the appeal's resolution (three business days) has long breached.
      await desk.settleAt(appealedAt, 20 * 24 * 60);
      expect(desk.remindersIn(desk.roomId()).at(-1)).toMatch(/^⏱ <@U0SPEC1> Resolution breached/);
      expect(desk.reminderEvents().map((e) => [e.clock, e.threshold, e.cycleStart])).toEqual([
        ["first_response", 0.5, appealedAt],
        ["first_response", 0.9, appealedAt],
        ["first_response", 1, appealedAt],
        ["resolution", 1, appealedAt],
      ]);
    });
  });
});
