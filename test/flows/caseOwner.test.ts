import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { SEV1_CASE as CASE, CONSULTANT, expectChained, Sev1WarRoom } from "../support/sev1WarRoom.ts";

const room = new Sev1WarRoom();
const { sqlite, events, pinnedSummary, run } = room;
let h: Harness;
let roomId: string;

beforeEach(async () => {
  h = await room.open();
  roomId = room.roomId;
});
afterEach(room.close);

describe("assign", () => {
  it("makes the owner with one chained event, invites them to the war room and updates the summary", async () => {
    expect(h.fake.members(roomId)).not.toContain(USERS.lead);
    const before = events();
    const { reply } = await run(USERS.specialist, `assign <@${USERS.lead}|dana>`);
    expect(reply).toMatchObject({
      response_type: "ephemeral",
      text: `<@${USERS.lead}> now owns TS-2026-0001. They are being invited to <#${roomId}>.`,
    });
    const added = events().slice(before.length);
    expect(added.map((e) => e.kind)).toEqual(["owner_assigned"]);
    expect(JSON.parse(added[0]?.payload ?? "")).toEqual({ from: null, to: USERS.lead });
    expect(sqlite().prepare("SELECT owner_id FROM cases").pluck().get()).toBe(USERS.lead);

    await h.settle();
    expect(h.fake.members(roomId)).toContain(USERS.lead);
    expect(jsonText(pinnedSummary()?.blocks)).toContain(`*Owner*\\n<@${USERS.lead}>`);
    expectChained(events());

    const again = await run(USERS.lead, `assign <@${USERS.specialist}|alex> ${CASE}`, h.triageChannelId);
    expect(again.reply.text).toBe(
      `<@${USERS.specialist}> now owns TS-2026-0001 (was <@${USERS.lead}>). They are being invited to <#${roomId}>.`,
    );
  });

  it("refuses to reassign a case to its current owner", async () => {
    await run(USERS.specialist, `assign <@${USERS.lead}|dana>`);
    const before = events();
    const { reply } = await run(USERS.specialist, `assign <@${USERS.lead}|dana>`);
    expect(reply.text).toBe(`:warning: <@${USERS.lead}> already owns TS-2026-0001.`);
    expect(events()).toEqual(before);
  });

  it.each([
    ["an observer", USERS.observer],
    ["a consultant", CONSULTANT],
    ["someone without a role", "U0NOBODY"],
  ])("refuses %s as owner, with a clear reason", async (_who, assignee) => {
    const before = events();
    const { reply } = await run(USERS.specialist, `assign <@${assignee}>`);
    expect(reply.text).toContain(`<@${assignee}> cannot own cases`);
    expect(events()).toEqual(before);
  });

  it("refuses an observer, and a consultant not consulted on the case", async () => {
    expect((await run(USERS.observer, `assign <@${USERS.lead}>`)).reply.text).toContain("not permitted");
    expect((await run(CONSULTANT, `assign <@${USERS.lead}> ${CASE}`, h.triageChannelId)).reply.text).toContain(
      "not permitted",
    );
  });

  it.each(["assign", "assign dana", `assign <@${USERS.lead}> ${CASE} extra`])(
    "explains the usage of `%s`",
    async (t) => {
      expect((await run(USERS.specialist, t)).reply.text).toContain("Usage: `/incident assign @user");
    },
  );

  it("asks for a case outside a war room", async () => {
    const { reply } = await run(USERS.specialist, `assign <@${USERS.lead}>`, h.triageChannelId);
    expect(reply.text).toContain("Name a case");
  });
});
