import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EVERY_SCOPE, type SlackFake, startSlackFake } from "./index.ts";
import { refusal, rejection, webClientFor } from "./webClientFor.ts";

const ANA = "U0ANA01";
const BEN = "U0BEN01";

let fake: SlackFake;
let client: WebClient;

beforeEach(async () => {
  fake = await startSlackFake({
    scopes: EVERY_SCOPE,
    users: [
      { id: ANA, name: "ana", email: "Ana@Example.com" },
      { id: BEN, name: "ben" },
      { id: "U0GONE1", name: "gone", deleted: true },
    ],
  });
  client = webClientFor(fake);
});

afterEach(() => fake.close());

const errorOf = async (call: Promise<unknown>) => (await refusal(call)).error;

describe("conversations.create", () => {
  it("creates a channel with a C id, the bot as member, honouring is_private", async () => {
    const created = await client.conversations.create({ name: "inc-42_bad-login", is_private: true });
    expect(created.channel).toMatchObject({
      name: "inc-42_bad-login",
      is_private: true,
      is_archived: false,
      is_member: true,
    });
    expect(created.channel?.id).toMatch(/^C[A-Z0-9]+$/);
    expect(fake.members(created.channel?.id ?? "")).toEqual(["UBOT"]);
  });

  it("takes an 80-character name and refuses 81", async () => {
    await expect(client.conversations.create({ name: "a".repeat(80) })).resolves.toMatchObject({ ok: true });
    expect(await errorOf(client.conversations.create({ name: "b".repeat(81) }))).toBe("invalid_name_maxlength");
  });

  it("refuses names with anything but lowercase letters, digits, hyphens and underscores", async () => {
    for (const name of ["Inc-1", "inc 1", "inc.1", "inc#1", "inc-é"]) {
      expect(await errorOf(client.conversations.create({ name }))).toBe("invalid_name_specials");
    }
    expect(await errorOf(client.conversations.create({ name: "" }))).toBe("invalid_name_required");
    expect(await errorOf(client.conversations.create({ name: "-_-" }))).toBe("invalid_name_punctuation");
  });

  it("refuses a name already taken, archived channels included", async () => {
    const { channel } = await client.conversations.create({ name: "inc-1" });
    await client.conversations.archive({ channel: channel?.id ?? "" });
    expect(await errorOf(client.conversations.create({ name: "inc-1" }))).toBe("name_taken");
  });

  it("still creates the channel when the caller hangs up before the answer, as Slack does", async () => {
    fake.inject("conversations.create", { delayMs: 300 });
    const impatient = webClientFor(fake, fake.botToken, { timeout: 50 });
    const error = await rejection(impatient.conversations.create({ name: "inc-late" }));
    expect(error).toMatchObject({ code: "slack_webapi_request_error" });
    expect(fake.inFlight("conversations.create")).toBe(1);
    await expect.poll(() => fake.channelByName("inc-late")?.creator).toBe(fake.botUserId);
    expect(fake.inFlight("conversations.create")).toBe(0);
  });
});

describe("conversations.invite", () => {
  it("invites a comma-separated list of people", async () => {
    const { channel } = await client.conversations.create({ name: "inc-2" });
    await client.conversations.invite({ channel: channel?.id ?? "", users: `${ANA},${BEN}` });
    expect(fake.members(channel?.id ?? "")).toEqual(["UBOT", ANA, BEN]);
  });

  it("refuses members already in, unknown people, the bot itself and an empty list", async () => {
    const id = (await client.conversations.create({ name: "inc-3" })).channel?.id ?? "";
    await client.conversations.invite({ channel: id, users: ANA });
    expect(await errorOf(client.conversations.invite({ channel: id, users: ANA }))).toBe("already_in_channel");
    expect(await errorOf(client.conversations.invite({ channel: id, users: "U0NOBODY" }))).toBe("user_not_found");
    expect(await errorOf(client.conversations.invite({ channel: id, users: "UBOT" }))).toBe("cant_invite_self");
    expect(await errorOf(client.conversations.invite({ channel: id, users: "" }))).toBe("no_user");
  });

  it("refuses when the bot is not in the channel, or the channel is archived", async () => {
    const outside = fake.addChannel({ name: "outside", members: [ANA] });
    expect(await errorOf(client.conversations.invite({ channel: outside, users: BEN }))).toBe("not_in_channel");
    const id = (await client.conversations.create({ name: "inc-4" })).channel?.id ?? "";
    await client.conversations.archive({ channel: id });
    expect(await errorOf(client.conversations.invite({ channel: id, users: BEN }))).toBe("is_archived");
  });
});

describe("topic, purpose, info, members", () => {
  it("sets a topic or purpose of 250 characters and refuses 251", async () => {
    const id = (await client.conversations.create({ name: "inc-5" })).channel?.id ?? "";
    await client.conversations.setTopic({ channel: id, topic: "t".repeat(250) });
    await client.conversations.setPurpose({ channel: id, purpose: "p".repeat(250) });
    expect(fake.channel(id)).toMatchObject({ topic: { value: "t".repeat(250) }, purpose: { value: "p".repeat(250) } });
    expect(await errorOf(client.conversations.setTopic({ channel: id, topic: "t".repeat(251) }))).toBe("too_long");
    expect(await errorOf(client.conversations.setPurpose({ channel: id, purpose: "p".repeat(251) }))).toBe("too_long");
  });

  it("refuses a topic from a bot outside the channel", async () => {
    const outside = fake.addChannel({ name: "outside", members: [ANA] });
    expect(await errorOf(client.conversations.setTopic({ channel: outside, topic: "x" }))).toBe("not_in_channel");
  });

  it("describes visible channels and hides private ones the bot is not in", async () => {
    const secret = fake.addChannel({ name: "secret", is_private: true, members: [ANA] });
    const mine = fake.addChannel({ name: "mine", is_private: true, members: ["UBOT", ANA] });
    expect(await errorOf(client.conversations.info({ channel: secret }))).toBe("channel_not_found");
    expect(await errorOf(client.conversations.members({ channel: secret }))).toBe("channel_not_found");
    const info = await client.conversations.info({ channel: mine, include_num_members: true });
    expect(info.channel).toMatchObject({ id: mine, name: "mine", is_private: true, num_members: 2 });
  });

  it("pages members with limit and cursor", async () => {
    const people = ["U01", "U02", "U03", "U04", "U05"];
    const id = fake.addChannel({ name: "big", members: people });
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({ channel: id, limit: 2, cursor });
      pages.push(page.members ?? []);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(pages).toEqual([["U01", "U02"], ["U03", "U04"], ["U05"]]);
    expect(await errorOf(client.conversations.members({ channel: id, cursor: "bm90LWEtY3Vyc29y" }))).toBe(
      "invalid_cursor",
    );
  });
});

describe("join, archive, rename, open", () => {
  it("joins public channels only, and warns when already in", async () => {
    const open = fake.addChannel({ name: "open" });
    const secret = fake.addChannel({ name: "secret", is_private: true });
    await client.conversations.join({ channel: open });
    expect(fake.members(open)).toEqual(["UBOT"]);
    expect((await client.conversations.join({ channel: open })).response_metadata?.warnings).toEqual([
      "already_in_channel",
    ]);
    expect(await errorOf(client.conversations.join({ channel: secret }))).toBe("method_not_supported_for_channel_type");
    await client.conversations.archive({ channel: open });
    expect(await errorOf(client.conversations.join({ channel: open }))).toBe("is_archived");
  });

  it("archives and unarchives once each", async () => {
    const id = (await client.conversations.create({ name: "inc-6" })).channel?.id ?? "";
    await client.conversations.archive({ channel: id });
    expect(await errorOf(client.conversations.archive({ channel: id }))).toBe("already_archived");
    await client.conversations.unarchive({ channel: id });
    expect(await errorOf(client.conversations.unarchive({ channel: id }))).toBe("not_archived");
  });

  it("renames under the same rules, keeping the previous name", async () => {
    const id = (await client.conversations.create({ name: "inc-7" })).channel?.id ?? "";
    await client.conversations.create({ name: "taken" });
    const renamed = await client.conversations.rename({ channel: id, name: "inc-7-resolved" });
    expect(renamed.channel).toMatchObject({ name: "inc-7-resolved", previous_names: ["inc-7"] });
    expect(await errorOf(client.conversations.rename({ channel: id, name: "taken" }))).toBe("name_taken");
    expect(await errorOf(client.conversations.rename({ channel: id, name: "Bad Name" }))).toBe("invalid_name_specials");
  });

  it("opens one stable D channel per person and records messages sent to it", async () => {
    const first = await client.conversations.open({ users: ANA });
    const again = await client.conversations.open({ users: ANA });
    expect(first.channel?.id).toMatch(/^D/);
    expect(again.channel?.id).toBe(first.channel?.id);
    await client.chat.postMessage({ channel: first.channel?.id ?? "", text: "hello" });
    expect(fake.messages(first.channel?.id ?? "").map((m) => m.text)).toEqual(["hello"]);
    expect(await errorOf(client.conversations.open({ users: "U0NOBODY" }))).toBe("user_not_found");
    expect(await errorOf(client.apiCall("conversations.open", {}))).toBe("users_list_not_supplied");
  });
});

describe("pins and reactions", () => {
  it("pins and unpins a message once", async () => {
    const id = (await client.conversations.create({ name: "inc-8" })).channel?.id ?? "";
    const { ts = "" } = await client.chat.postMessage({ channel: id, text: "summary" });
    await client.pins.add({ channel: id, timestamp: ts });
    expect(fake.pins(id)).toEqual([ts]);
    expect(await errorOf(client.pins.add({ channel: id, timestamp: ts }))).toBe("already_pinned");
    expect(await errorOf(client.pins.add({ channel: id, timestamp: "1.000001" }))).toBe("message_not_found");
    expect(await errorOf(client.pins.add({ channel: "C404", timestamp: ts }))).toBe("channel_not_found");
    await client.pins.remove({ channel: id, timestamp: ts });
    expect(await errorOf(client.pins.remove({ channel: id, timestamp: ts }))).toBe("not_pinned");
  });

  it("adds a reaction once", async () => {
    const id = (await client.conversations.create({ name: "inc-9" })).channel?.id ?? "";
    const { ts = "" } = await client.chat.postMessage({ channel: id, text: "ack me" });
    await client.reactions.add({ channel: id, timestamp: ts, name: "eyes" });
    expect(fake.message(id, ts)?.reactions).toEqual([{ name: "eyes", users: ["UBOT"], count: 1 }]);
    expect(await errorOf(client.reactions.add({ channel: id, timestamp: ts, name: "eyes" }))).toBe("already_reacted");
  });
});

describe("users and user groups", () => {
  it("looks people up by id and by email", async () => {
    expect((await client.users.info({ user: ANA })).user).toMatchObject({
      id: ANA,
      name: "ana",
      profile: { email: "Ana@Example.com" },
    });
    expect(await errorOf(client.users.info({ user: "U0NOBODY" }))).toBe("user_not_found");
    expect((await client.users.lookupByEmail({ email: "ana@example.com" })).user?.id).toBe(ANA);
    expect(await errorOf(client.users.lookupByEmail({ email: "nobody@example.com" }))).toBe("users_not_found");
  });

  it("lists the members of a user group", async () => {
    fake.addUsergroup("S0LEADS", [ANA, BEN]);
    expect((await client.usergroups.users.list({ usergroup: "S0LEADS" })).users).toEqual([ANA, BEN]);
  });
});
