import { describe, expect, it } from "vitest";
import { LEGAL_GROUP, useConsultRoom } from "../support/consultRoom.ts";
import { USERS } from "../support/harness.ts";

const room = useConsultRoom();

describe("/incident team", () => {
  it("lists the teams and where their consults go", async () => {
    const reply = await room.run(USERS.specialist, "team");
    expect(reply.text).toContain(`*Legal* (\`legal\`): <!subteam^${LEGAL_GROUP}>`);
    expect(reply.text).toContain(`*Payments* (\`payments\`): <#${room.paymentsChannel}>`);
    expect(reply.text).toContain("*Product* (`product`): no Slack target yet");
  });

  it("lets a lead add a team, named after its key", async () => {
    const channel = room.h.fake.addChannel({ name: "trust-ops", members: [room.h.fake.botUserId] });
    expect((await room.lead(`team trust-ops <#${channel}|trust-ops>`)).text).toBe(
      `New team *Trust-ops* (\`trust-ops\`): consults now go to <#${channel}>.`,
    );
    expect(
      room.sql("SELECT name, slack_channel_id, slack_usergroup_id FROM consult_teams WHERE key = 'trust-ops'"),
    ).toEqual([{ name: "Trust-ops", slack_channel_id: channel, slack_usergroup_id: null }]);
  });

  it.each([
    ["team legal", "Usage: `/incident team"],
    ["team legal nowhere", "Usage: `/incident team"],
    ["team x <#C0AB|x>", "2 to 20 lowercase letters"],
    ["team legal_team <#C0AB|x>", "2 to 20 lowercase letters"],
  ])("explains what is wrong with `%s`", async (command, message) => {
    expect((await room.lead(command)).text).toContain(message);
  });

  it("refuses to let a specialist point a team anywhere", async () => {
    expect((await room.run(USERS.specialist, `team legal <#${room.paymentsChannel}|x>`)).text).toContain(
      "not permitted",
    );
    expect(room.sql("SELECT slack_usergroup_id FROM consult_teams WHERE key = 'legal'")).toEqual([
      { slack_usergroup_id: LEGAL_GROUP },
    ]);
  });
});
