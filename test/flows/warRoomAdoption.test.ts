import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webClientFor } from "../slack-fake/webClientFor.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { caseRows, intakeValues, submitIntake } from "../support/intake.ts";

const SEV1 = intakeValues({ category: "physical-safety", title: "Customer reports pro was violent on site" });
const ROOM = "ts-2026-0001-physical-safety";

describe("a war room whose creation Slack finished but the bot never recorded", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const warRoomEvents = () =>
    h.desk.database.sqlite
      .prepare("SELECT payload FROM case_events WHERE kind = 'war_room_created'")
      .pluck()
      .all()
      .map((payload) => JSON.parse(String(payload)) as Record<string, unknown>);

  it("adopts the channel it made before a crash instead of opening a -2", async () => {
    await submitIntake(h, SEV1);
    // What a create whose answer was lost leaves behind: Slack made the room, with the bot's token, unrecorded.
    const made = await webClientFor(h.fake).conversations.create({ name: ROOM, is_private: true });
    const roomId = made.channel?.id ?? "";
    expect(caseRows(h)[0]?.channel_id).toBeNull();

    await h.restart();
    await h.settle();

    const rooms = h.fake.channels().filter((c) => c.name.startsWith("ts-2026-0001"));
    expect(rooms.map((c) => c.name)).toEqual([ROOM]);
    expect(caseRows(h)[0]).toMatchObject({ channel_id: roomId, channel_name: ROOM });
    expect(h.fake.callsTo("conversations.create").map((c) => c.error ?? "ok")).toEqual(["ok", "name_taken"]);
    expect(h.fake.members(roomId)).toEqual(expect.arrayContaining([h.fake.botUserId, USERS.specialist, USERS.admin]));
    expect(h.fake.channel(roomId)?.topic.value).toContain("TS-2026-0001 · SEV1");
    const [summary, ...others] = h.fake.messages(roomId);
    expect(others).toEqual([]);
    expect(h.fake.pins(roomId)).toEqual([summary?.ts]);
    expect(warRoomEvents()).toEqual([expect.objectContaining({ channelId: roomId, adopted: true })]);
  });

  it("gives a suffix when a person made a channel with the case's name, even one the bot is in", async () => {
    const theirs = h.fake.addChannel({ name: ROOM, members: [USERS.lead, h.fake.botUserId], creator: USERS.lead });
    await submitIntake(h, SEV1);
    await h.settle();
    expect(caseRows(h)[0]?.channel_name).toBe(`${ROOM}-2`);
    expect(h.fake.members(theirs)).toEqual([USERS.lead, h.fake.botUserId]);
    expect(warRoomEvents()).toEqual([expect.not.objectContaining({ adopted: true })]);
  });

  it("adopts its own suffixed room when a person holds the plain name, rather than open a -3", async () => {
    h.fake.addChannel({ name: ROOM, members: [USERS.lead], creator: USERS.lead });
    await submitIntake(h, SEV1);
    const made = await webClientFor(h.fake).conversations.create({ name: `${ROOM}-2`, is_private: true });
    await h.settle();
    expect(caseRows(h)[0]).toMatchObject({ channel_id: made.channel?.id, channel_name: `${ROOM}-2` });
    expect(h.fake.channelByName(`${ROOM}-3`)).toBeUndefined();
  });

  it("finds its room past the first page of the channels it is in", async () => {
    for (let n = 1; n <= 450; n++) h.fake.addChannel({ name: `ops-${n}`, members: [h.fake.botUserId] });
    await submitIntake(h, SEV1);
    const made = await webClientFor(h.fake).conversations.create({ name: ROOM, is_private: true });
    await h.settle();
    expect(caseRows(h)[0]?.channel_id).toBe(made.channel?.id);
    expect(h.fake.callsTo("users.conversations").length).toBeGreaterThan(1);
  });

  it("gives a suffix rather than reopen an archived channel the bot made", async () => {
    const { channel } = await webClientFor(h.fake).conversations.create({ name: ROOM, is_private: true });
    await webClientFor(h.fake).conversations.archive({ channel: channel?.id ?? "" });
    await submitIntake(h, SEV1);
    await h.settle();
    expect(caseRows(h)[0]?.channel_name).toBe(`${ROOM}-2`);
    expect(h.fake.channel(channel?.id ?? "")?.is_archived).toBe(true);
  });
});
