import { describe, expect, it } from "vitest";
import { USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { SEV1_CASE as CASE, CONSULTANT, expectChained, useSev1WarRoom } from "../support/sev1WarRoom.ts";

const room = useSev1WarRoom();

describe("assign", () => {
  it("makes the owner with one chained event, invites them to the war room and updates the summary", async () => {
    expect(room.h.fake.members(room.roomId)).not.toContain(USERS.lead);
    const before = room.events();
    const { reply } = await room.run(USERS.specialist, `assign <@${USERS.lead}|dana>`);
    expect(reply).toMatchObject({
      response_type: "ephemeral",
      text: `<@${USERS.lead}> now owns TS-2026-0001. They are being invited to <#${room.roomId}>.`,
    });
    const added = room.events().slice(before.length);
    expect(added.map((e) => e.kind)).toEqual(["owner_assigned"]);
    expect(JSON.parse(added[0]?.payload ?? "")).toEqual({ from: null, to: USERS.lead });
    expect(room.sqlite().prepare("SELECT owner_id FROM cases").pluck().get()).toBe(USERS.lead);

    await room.h.settle();
    expect(room.h.fake.members(room.roomId)).toContain(USERS.lead);
    expect(jsonText(room.pinnedSummary()?.blocks)).toContain(`*Owner*\\n<@${USERS.lead}>`);
    expectChained(room.events());

    const again = await room.run(USERS.lead, `assign <@${USERS.specialist}|alex> ${CASE}`, room.h.triageChannelId);
    expect(again.reply.text).toBe(
      `<@${USERS.specialist}> now owns TS-2026-0001 (was <@${USERS.lead}>). They are being invited to <#${room.roomId}>.`,
    );
  });

  it("refuses to reassign a case to its current owner", async () => {
    await room.run(USERS.specialist, `assign <@${USERS.lead}|dana>`);
    const before = room.events();
    const { reply } = await room.run(USERS.specialist, `assign <@${USERS.lead}|dana>`);
    expect(reply.text).toBe(`:warning: <@${USERS.lead}> already owns TS-2026-0001.`);
    expect(room.events()).toEqual(before);
  });

  it.each([
    ["an observer", USERS.observer],
    ["a consultant", CONSULTANT],
    ["someone without a role", "U0NOBODY"],
  ])("refuses %s as owner, with a clear reason", async (_who, assignee) => {
    const before = room.events();
    const { reply } = await room.run(USERS.specialist, `assign <@${assignee}>`);
    expect(reply.text).toContain(`<@${assignee}> cannot own cases`);
    expect(room.events()).toEqual(before);
  });

  it("refuses an observer, and a consultant not consulted on the case", async () => {
    expect((await room.run(USERS.observer, `assign <@${USERS.lead}>`)).reply.text).toContain("not permitted");
    expect(
      (await room.run(CONSULTANT, `assign <@${USERS.lead}> ${CASE}`, room.h.triageChannelId)).reply.text,
    ).toContain("not permitted");
  });

  it.each(["assign", "assign dana", `assign <@${USERS.lead}> ${CASE} extra`])(
    "explains the usage of `%s`",
    async (t) => {
      expect((await room.run(USERS.specialist, t)).reply.text).toContain("Usage: `/incident assign @user");
    },
  );

  it("asks for a case outside a war room", async () => {
    const { reply } = await room.run(USERS.specialist, `assign <@${USERS.lead}>`, room.h.triageChannelId);
    expect(reply.text).toContain("Name a case");
  });
});
