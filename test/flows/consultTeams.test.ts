import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConsultRoom, LEGAL_GROUP } from "../support/consultRoom.ts";
import { type Harness, USERS } from "../support/harness.ts";

const room = new ConsultRoom();
const { run, lead, sql } = room;
let h: Harness;
let paymentsChannel: string;

beforeEach(async () => {
  h = await room.open();
  paymentsChannel = room.paymentsChannel;
});
afterEach(room.close);

describe("/incident team", () => {
  it("lists the teams and where their consults go", async () => {
    const reply = await run(USERS.specialist, "team");
    expect(reply.text).toContain(`*Legal* (\`legal\`): <!subteam^${LEGAL_GROUP}>`);
    expect(reply.text).toContain(`*Payments* (\`payments\`): <#${paymentsChannel}>`);
    expect(reply.text).toContain("*Product* (`product`): no Slack target yet");
  });

  it("lets a lead add a team, named after its key", async () => {
    const channel = h.fake.addChannel({ name: "trust-ops", members: [h.fake.botUserId] });
    expect((await lead(`team trust-ops <#${channel}|trust-ops>`)).text).toBe(
      `New team *Trust-ops* (\`trust-ops\`): consults now go to <#${channel}>.`,
    );
    expect(sql("SELECT name, slack_channel_id, slack_usergroup_id FROM consult_teams WHERE key = 'trust-ops'")).toEqual(
      [{ name: "Trust-ops", slack_channel_id: channel, slack_usergroup_id: null }],
    );
  });

  it.each([
    ["team legal", "Usage: `/incident team"],
    ["team legal nowhere", "Usage: `/incident team"],
    ["team x <#C0AB|x>", "2 to 20 lowercase letters"],
    ["team legal_team <#C0AB|x>", "2 to 20 lowercase letters"],
  ])("explains what is wrong with `%s`", async (command, message) => {
    expect((await lead(command)).text).toContain(message);
  });

  it("refuses to let a specialist point a team anywhere", async () => {
    expect((await run(USERS.specialist, `team legal <#${paymentsChannel}|x>`)).text).toContain("not permitted");
    expect(sql("SELECT slack_usergroup_id FROM consult_teams WHERE key = 'legal'")).toEqual([
      { slack_usergroup_id: LEGAL_GROUP },
    ]);
  });
});
