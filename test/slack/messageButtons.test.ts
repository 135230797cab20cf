import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION } from "../../src/slack/ids.ts";
import { CASE_FORM_BUTTONS } from "../../src/slack/listeners/caseForms/index.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

// Every button the bot puts on messages only (the case summary, the triage post, consult pings, proposals, pages).
const MESSAGE_BUTTONS: string[] = [
  ACTION.openWarRoom,
  ACTION.answerConsult,
  ACTION.vote,
  ACTION.ackPage,
  ...CASE_FORM_BUTTONS.map((button) => button.actionId),
];

describe("buttons the bot puts only on messages", () => {
  let h: Harness;
  const lines: Array<{ level: number; msg: string; actionId?: string }> = [];
  beforeAll(async () => {
    h = await startHarness({ logTo: { write: (line) => void lines.push(JSON.parse(line)) } });
  });
  afterAll(() => h.close());

  it("has a case for the buttons to name", async () => {
    await submitIntake(h, intakeValues());
  });

  it.each(MESSAGE_BUTTONS)(
    "acknowledges a click on %s sent from a view, with no response_url, and does nothing",
    async (actionId) => {
      const before = h.fake.calls.length;
      lines.length = 0;
      // A block_actions payload as Slack sends one from a view: the view instead of a message, channel and response_url.
      const payload = {
        type: "block_actions",
        user: { id: USERS.lead },
        team: { id: h.fake.teamId },
        trigger_id: h.fake.issueTriggerId(),
        container: { type: "view", view_id: "V0HOME" },
        view: { id: "V0HOME", type: "home", callback_id: "", private_metadata: "" },
        actions: [{ type: "button", action_id: actionId, block_id: "b", value: "TS-2026-0001", action_ts: "1" }],
      };
      const res = await h.driver.raw({ body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() });
      expect(res.status).toBe(200);
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      expect(lines.filter((line) => line.msg === "message button clicked outside a message")).toEqual([
        expect.objectContaining({ level: 40, actionId }),
      ]);
      expect(h.fake.calls.slice(before)).toEqual([]);
    },
  );
});
