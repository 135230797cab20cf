import { ErrorCode, WebAPIHTTPError, WebAPIRateLimitedError, type WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../support/fakeClock.ts";
import { DOCUMENTED_METHODS } from "./documentedMethods.ts";
import { EVERY_SCOPE, type SlackFake, startSlackFake } from "./index.ts";
import { refusal, rejection, webClientFor } from "./webClientFor.ts";

const PERSON = "U0PERSON";
const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

let clock: FakeClock;
let fake: SlackFake;
let client: WebClient;
let general: string;

beforeEach(async () => {
  clock = new FakeClock();
  fake = await startSlackFake({
    now: () => clock.now(),
    scopes: EVERY_SCOPE,
    users: [{ id: PERSON, name: "person", email: "person@example.com" }],
    channels: [{ name: "general", members: ["UBOT", PERSON] }],
  });
  client = webClientFor(fake);
  general = fake.channelByName("general")?.id ?? "";
});

afterEach(() => fake.close());

describe("transport and auth", () => {
  it("answers auth.test with the bot's identity", async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({ ok: true, user_id: "UBOT", team_id: "T0TEST", bot_id: "B0TEST" });
    expect(fake.url).toBe(`${fake.origin}/api/`);
  });

  it("refuses a call without a token as not_authed and a wrong one as invalid_auth", async () => {
    expect((await refusal(webClientFor(fake, null).auth.test())).error).toBe("not_authed");
    expect((await refusal(webClientFor(fake, "xoxb-wrong").auth.test())).error).toBe("invalid_auth");
  });

  it("takes the token from a form field, but never from a JSON body", async () => {
    const form = await fetch(`${fake.url}auth.test`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `token=${fake.botToken}`,
    });
    expect(await form.json()).toMatchObject({ ok: true });
    const json = await fetch(`${fake.url}auth.test`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: fake.botToken }),
    });
    expect(await json.json()).toMatchObject({ ok: false, error: "not_authed" });
  });

  it("accepts JSON bodies with a Bearer header and GET query strings", async () => {
    const posted = await fetch(`${fake.url}chat.postMessage`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${fake.botToken}` },
      body: JSON.stringify({ channel: general, blocks: [section("from JSON")] }),
    });
    expect(await posted.json()).toMatchObject({ ok: true, channel: general });
    const info = await fetch(`${fake.url}conversations.info?channel=${general}`, {
      headers: { authorization: `Bearer ${fake.botToken}` },
    });
    expect(await info.json()).toMatchObject({ ok: true, channel: { id: general, name: "general" } });
  });

  it("answers an unknown method with HTTP 404 unknown_method", async () => {
    const response = await fetch(`${fake.url}chat.postMessages`, { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: "unknown_method" });
  });

  it("answers every method of Slack's reference in methods.json", async () => {
    const listed = Object.keys(DOCUMENTED_METHODS);
    expect(listed.length).toBeGreaterThan(0);
    for (const method of listed) {
      const response = await fetch(`${fake.url}${method}`, {
        method: "POST",
        headers: { authorization: `Bearer ${fake.botToken}` },
      });
      expect({ method, status: response.status }).toEqual({ method, status: 200 });
    }
  });

  it("records every call with its arguments decoded, in order", async () => {
    await client.chat.postMessage({ channel: general, text: "hi", blocks: [section("hi")] });
    await refusal(client.chat.postMessage({ channel: "C404", text: "lost" }));
    expect(fake.calls.map((c) => [c.method, c.ok, c.error, c.status])).toEqual([
      ["chat.postMessage", true, undefined, 200],
      ["chat.postMessage", false, "channel_not_found", 200],
    ]);
    expect(fake.callsTo("chat.postMessage")[0]?.args.blocks).toEqual([section("hi")]);
    expect(fake.calls[0]?.args.token).toBeUndefined();
  });
});

describe("faults", () => {
  it("answers an injected 429 with Retry-After, seen by the client as a rate-limited error, once", async () => {
    fake.inject("chat.postMessage", { status: 429, retryAfter: 7 });
    const error = await rejection(client.chat.postMessage({ channel: general, text: "x" }));
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(fake.calls.at(-1)).toMatchObject({ ok: false, error: "ratelimited", status: 429 });
    await expect(client.chat.postMessage({ channel: general, text: "x" })).resolves.toMatchObject({ ok: true });
  });

  it("answers an injected 500 or 503 with that HTTP status, seen as an HTTP error", async () => {
    fake.inject("conversations.create", { status: 500 });
    fake.inject("conversations.create", { status: 503 });
    for (const status of [500, 503]) {
      const error = await rejection(client.conversations.create({ name: "inc-1" }));
      expect(error).toBeInstanceOf(WebAPIHTTPError);
      expect(error).toMatchObject({ code: ErrorCode.HTTPError, statusCode: status });
    }
    expect(fake.channelByName("inc-1")).toBeUndefined();
  });

  it("lets a call take effect and then answers with the fault when asked to (afterEffect): a lost answer", async () => {
    fake.inject("conversations.create", { status: 503, afterEffect: true });
    const error = await rejection(client.conversations.create({ name: "inc-2" }));
    expect(error).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
    expect(fake.channelByName("inc-2")).toBeDefined();
    expect((await refusal(client.conversations.create({ name: "inc-2" }))).error).toBe("name_taken");
  });

  it("answers an injected error code the given number of times, or until cleared", async () => {
    fake.inject("users.info", { error: "fatal_error", times: 2 });
    for (let i = 0; i < 2; i++) expect((await refusal(client.users.info({ user: PERSON }))).error).toBe("fatal_error");
    await expect(client.users.info({ user: PERSON })).resolves.toMatchObject({ ok: true });
    fake.inject("users.info", { error: "internal_error", times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++)
      expect((await refusal(client.users.info({ user: PERSON }))).error).toBe("internal_error");
    fake.clearFaults();
    await expect(client.users.info({ user: PERSON })).resolves.toMatchObject({ ok: true });
  });

  it("delays an answer, then answers normally", async () => {
    fake.inject("auth.test", { delayMs: 150 });
    const started = Date.now();
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("rate-limits a method per rolling minute of now(), with Retry-After until the oldest call leaves", async () => {
    fake.setRateLimit("conversations.invite", { perMinute: 2 });
    const channel = fake.addChannel({ name: "limited", members: ["UBOT"] });
    fake.addUser({ id: "U0A", name: "a" });
    fake.addUser({ id: "U0B", name: "b" });
    fake.addUser({ id: "U0C", name: "c" });
    await client.conversations.invite({ channel, users: "U0A" });
    clock.advance(10_000);
    await client.conversations.invite({ channel, users: "U0B" });
    clock.advance(10_000);
    expect(await rejection(client.conversations.invite({ channel, users: "U0C" }))).toMatchObject({ retryAfter: 40 });
    clock.advance(40_000);
    await expect(client.conversations.invite({ channel, users: "U0C" })).resolves.toMatchObject({ ok: true });
  });
});

describe("chat.postMessage", () => {
  it("returns the channel, an increasing unique ts and the stored message", async () => {
    const first = await client.chat.postMessage({ channel: general, text: "one" });
    const second = await client.chat.postMessage({ channel: general, text: "two" });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(first).toMatchObject({
      ok: true,
      channel: general,
      message: { text: "one", user: "UBOT", bot_id: "B0TEST" },
    });
    expect(fake.messages(general).map((m) => m.text)).toEqual(["one", "two"]);
  });

  it("refuses a message with neither text nor blocks", async () => {
    expect((await refusal(client.chat.postMessage({ channel: general, text: "" }))).error).toBe("no_text");
  });

  it("hides private channels the bot is not in, and refuses public ones it has not joined", async () => {
    const secret = fake.addChannel({ name: "secret", is_private: true, members: [PERSON] });
    const open = fake.addChannel({ name: "open", members: [PERSON] });
    expect((await refusal(client.chat.postMessage({ channel: "C404", text: "x" }))).error).toBe("channel_not_found");
    expect((await refusal(client.chat.postMessage({ channel: secret, text: "x" }))).error).toBe("channel_not_found");
    expect((await refusal(client.chat.postMessage({ channel: open, text: "x" }))).error).toBe("not_in_channel");
  });

  it("refuses posts to an archived channel", async () => {
    await client.conversations.archive({ channel: general });
    expect((await refusal(client.chat.postMessage({ channel: general, text: "x" }))).error).toBe("is_archived");
  });

  it("takes 50 blocks and refuses 51 with Slack's pointer", async () => {
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => section(`b${i}`));
    await expect(client.chat.postMessage({ channel: general, text: "x", blocks: blocks(50) })).resolves.toMatchObject({
      ok: true,
    });
    const refused = await refusal(client.chat.postMessage({ channel: general, text: "x", blocks: blocks(51) }));
    expect(refused.error).toBe("invalid_blocks");
    expect(refused.response_metadata?.messages).toEqual([
      "[ERROR] no more than 50 items allowed [json-pointer:/blocks]",
    ]);
  });

  it("takes section text of 3000 characters and refuses 3001", async () => {
    await expect(
      client.chat.postMessage({ channel: general, text: "x", blocks: [section("a".repeat(3000))] }),
    ).resolves.toMatchObject({ ok: true });
    const refused = await refusal(
      client.chat.postMessage({ channel: general, text: "x", blocks: [section("a".repeat(3001))] }),
    );
    expect(refused).toMatchObject({
      error: "invalid_blocks",
      errors: ["must be less than 3001 characters [json-pointer:/blocks/0/text/text]"],
    });
  });

  it("truncates text beyond 40,000 characters and warns, as Slack documents", async () => {
    const result = await client.chat.postMessage({ channel: general, text: "a".repeat(40_001) });
    expect(result.response_metadata?.warnings).toEqual(["message_truncated"]);
    expect(fake.message(general, result.ts ?? "")?.text).toHaveLength(40_000);
  });

  it("threads replies under a top-level message only", async () => {
    const parent = await client.chat.postMessage({ channel: general, text: "parent" });
    const reply = await client.chat.postMessage({ channel: general, text: "reply", thread_ts: parent.ts });
    expect(reply.message).toMatchObject({ thread_ts: parent.ts, parent_user_id: "UBOT" });
    expect(fake.messages(general).map((m) => m.text)).toEqual(["parent"]);
    expect(fake.messages(general, { threadTs: parent.ts }).map((m) => m.text)).toEqual(["reply"]);
    for (const threadTs of [reply.ts, "1.000000"]) {
      clock.advance(1_000); // Slack paces chat.postMessage at about one a second per channel.
      expect((await refusal(client.chat.postMessage({ channel: general, text: "x", thread_ts: threadTs }))).error).toBe(
        "thread_not_found",
      );
    }
  });

  it("posts to a user id in the bot's DM with that person", async () => {
    const posted = await client.chat.postMessage({ channel: PERSON, text: "psst" });
    const dm = await client.conversations.open({ users: PERSON });
    expect(posted.channel).toBe(dm.channel?.id);
    expect(posted.channel).toMatch(/^D/);
    expect(fake.messages(posted.channel ?? "").map((m) => m.text)).toEqual(["psst"]);
  });
});

describe("chat.update, chat.postEphemeral, chat.getPermalink", () => {
  it("updates the bot's own message and marks it edited", async () => {
    const posted = await client.chat.postMessage({ channel: general, text: "old" });
    const updated = await client.chat.update({
      channel: general,
      ts: posted.ts ?? "",
      text: "new",
      blocks: [section("new")],
    });
    expect(updated).toMatchObject({ ok: true, channel: general, ts: posted.ts, text: "new" });
    expect(fake.message(general, posted.ts ?? "")).toMatchObject({ text: "new", edited: { user: "UBOT" } });
  });

  it("refuses to update a missing message, someone else's, or one over the block limit", async () => {
    const theirs = fake.addMessage({ channel: general, user: PERSON, text: "mine" });
    const ours = await client.chat.postMessage({ channel: general, text: "ours" });
    expect((await refusal(client.chat.update({ channel: general, ts: "1.000001", text: "x" }))).error).toBe(
      "message_not_found",
    );
    expect((await refusal(client.chat.update({ channel: general, ts: theirs.ts, text: "x" }))).error).toBe(
      "cant_update_message",
    );
    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" }));
    expect(
      (await refusal(client.chat.update({ channel: general, ts: ours.ts ?? "", text: "x", blocks: tooMany }))).error,
    ).toBe("invalid_blocks");
  });

  it("shows an ephemeral message only to a member of the channel", async () => {
    const outsider = "U0OUT";
    fake.addUser({ id: outsider, name: "outsider" });
    await expect(
      client.chat.postEphemeral({ channel: general, user: PERSON, text: "just you" }),
    ).resolves.toMatchObject({ ok: true });
    expect((await refusal(client.chat.postEphemeral({ channel: general, user: outsider, text: "x" }))).error).toBe(
      "user_not_in_channel",
    );
    expect(fake.ephemerals(general)).toMatchObject([{ user: PERSON, text: "just you" }]);
  });

  it("links to a message under the fake's origin", async () => {
    const posted = await client.chat.postMessage({ channel: general, text: "x" });
    const link = await client.chat.getPermalink({ channel: general, message_ts: posted.ts ?? "" });
    expect(link.permalink).toBe(`${fake.origin}/archives/${general}/p${posted.ts?.replace(".", "")}`);
    expect((await refusal(client.chat.getPermalink({ channel: general, message_ts: "1.000001" }))).error).toBe(
      "message_not_found",
    );
  });
});
