import { describe, expect, it } from "vitest";
import { PROPOSAL_BLOCK } from "../../src/slack/listeners/caseForms/proposalForm.ts";
import { USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { SPECIALIST_2, useSanctionRoom } from "../support/sanctionRoom.ts";

const room = useSanctionRoom();

describe("interim protective suspension", () => {
  const interim = () => room.sql<Record<string, unknown>>("SELECT * FROM interim_suspensions ORDER BY id");

  it("is applied at once by a lead, shown in red, and confirmed by a suspension decision", async () => {
    const reply = await room.command(USERS.lead, "interim pro_9911 Customer reports threats; protect them meanwhile");
    expect(reply.text).toContain("suspended in the interim on TS-2026-0001");
    expect(interim()).toMatchObject([{ resolution: null, applied_by: USERS.lead }]);
    expect(room.eventsOf("interim_suspension_applied")).toHaveLength(1);
    await room.h.settle();
    expect(jsonText(room.summary()?.blocks)).toContain(":red_circle: *`pro_9911` suspended in the interim*");

    await room.propose({ [PROPOSAL_BLOCK.rung]: "suspension_30d" });
    await room.vote(SPECIALIST_2, "approve");
    expect(room.decisions()).toHaveLength(1);
    expect(interim()).toMatchObject([{ resolution: "confirmed", resolved_by: SPECIALIST_2 }]);
    expect(jsonText(room.summary()?.blocks)).not.toContain("suspended in the interim");
  });

  it("is lifted by a warning decision", async () => {
    await room.command(USERS.lead, "interim pro_9911 protect the customer");
    await room.propose({ [PROPOSAL_BLOCK.rung]: "warning" });
    expect(interim()).toMatchObject([{ resolution: "lifted" }]);
  });

  it("can be lifted by a lead without a sanction, on the record", async () => {
    await room.command(USERS.lead, "interim pro_9911 protect the customer");
    const reply = await room.command(USERS.lead, "interim lift pro_9911 The police report does not name the pro");
    expect(reply.text).toContain("lifted");
    expect(interim()).toMatchObject([{ resolution: "lifted", resolved_by: USERS.lead }]);
    expect(room.eventsOf("interim_suspension_lifted")).toHaveLength(1);
  });

  it.each<[string, string, string]>([
    ["a specialist", USERS.specialist, "not permitted"],
    ["an observer", USERS.observer, "not permitted"],
  ])("is refused to %s", async (_who, userId, message) => {
    expect((await room.command(userId, "interim pro_9911 because")).text).toContain(message);
    expect(interim()).toHaveLength(0);
  });

  it.each([
    ["an account that is not a party", "interim pro_0000 because", "is not a party"],
    ["no reason", "interim pro_9911", "Usage"],
    ["a second suspension of the same account", "interim pro_9911 again", "already suspended"],
  ])("refuses %s", async (_what, commandText, message) => {
    if (message === "already suspended") await room.command(USERS.lead, "interim pro_9911 first");
    expect((await room.command(USERS.lead, commandText)).text).toContain(message);
  });

  it("is only for SEV1 and SEV2 cases", async () => {
    await submitIntake(room.h, intakeValues({ category: "harassment", title: "Rude messages" }));
    const reply = (
      await room.h.driver.command({
        text: "interim TS-2026-0002 pro_9911 because",
        userId: USERS.lead,
        channelId: room.h.triageChannelId,
      })
    ).body as { text: string };
    expect(reply.text).toContain("SEV1 and SEV2");
  });
});
