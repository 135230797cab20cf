import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROPOSAL_BLOCK } from "../../src/slack/ids.ts";
import { type Harness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { SanctionRoom, SPECIALIST_2 } from "../support/sanctionRoom.ts";

const room = new SanctionRoom();
const { sql, eventsOf, decisions, summary, command, propose, vote } = room;
let h: Harness;

beforeEach(async () => {
  h = await room.open();
});
afterEach(room.close);

describe("interim protective suspension", () => {
  const interim = () => sql<Record<string, unknown>>("SELECT * FROM interim_suspensions ORDER BY id");

  it("is applied at once by a lead, shown in red, and confirmed by a suspension decision", async () => {
    const reply = await command(USERS.lead, "interim pro_9911 Customer reports threats; protect them meanwhile");
    expect(reply.text).toContain("suspended in the interim on TS-2026-0001");
    expect(interim()).toMatchObject([{ resolution: null, applied_by: USERS.lead }]);
    expect(eventsOf("interim_suspension_applied")).toHaveLength(1);
    await h.settle();
    expect(jsonText(summary()?.blocks)).toContain(":red_circle: *`pro_9911` suspended in the interim*");

    await propose({ [PROPOSAL_BLOCK.rung]: "suspension_30d" });
    await vote(SPECIALIST_2, "approve");
    expect(decisions()).toHaveLength(1);
    expect(interim()).toMatchObject([{ resolution: "confirmed", resolved_by: SPECIALIST_2 }]);
    expect(jsonText(summary()?.blocks)).not.toContain("suspended in the interim");
  });

  it("is lifted by a warning decision", async () => {
    await command(USERS.lead, "interim pro_9911 protect the customer");
    await propose({ [PROPOSAL_BLOCK.rung]: "warning" });
    expect(interim()).toMatchObject([{ resolution: "lifted" }]);
  });

  it("can be lifted by a lead without a sanction, on the record", async () => {
    await command(USERS.lead, "interim pro_9911 protect the customer");
    const reply = await command(USERS.lead, "interim lift pro_9911 The police report does not name the pro");
    expect(reply.text).toContain("lifted");
    expect(interim()).toMatchObject([{ resolution: "lifted", resolved_by: USERS.lead }]);
    expect(eventsOf("interim_suspension_lifted")).toHaveLength(1);
  });

  it.each<[string, string, string]>([
    ["a specialist", USERS.specialist, "not permitted"],
    ["an observer", USERS.observer, "not permitted"],
  ])("is refused to %s", async (_who, userId, message) => {
    expect((await command(userId, "interim pro_9911 because")).text).toContain(message);
    expect(interim()).toHaveLength(0);
  });

  it.each([
    ["an account that is not a party", "interim pro_0000 because", "is not a party"],
    ["no reason", "interim pro_9911", "Usage"],
    ["a second suspension of the same account", "interim pro_9911 again", "already suspended"],
  ])("refuses %s", async (_what, commandText, message) => {
    if (message === "already suspended") await command(USERS.lead, "interim pro_9911 first");
    expect((await command(USERS.lead, commandText)).text).toContain(message);
  });

  it("is only for SEV1 and SEV2 cases", async () => {
    await submitIntake(h, intakeValues({ category: "harassment", title: "Rude messages" }));
    const reply = (
      await h.driver.command({
        text: "interim TS-2026-0002 pro_9911 because",
        userId: USERS.lead,
        channelId: h.triageChannelId,
      })
    ).body as { text: string };
    expect(reply.text).toContain("SEV1 and SEV2");
  });
});
