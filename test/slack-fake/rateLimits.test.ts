import { WebAPIRateLimitedError, type WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../support/fakeClock.ts";
import { EVERY_SCOPE, type SlackFake, startSlackFake } from "./index.ts";
import { METHODS } from "./methods/index.ts";
import { METHOD_TIERS } from "./rateTiers.ts";
import { rejection, webClientFor } from "./webClientFor.ts";

let clock: FakeClock;
let fake: SlackFake;
let client: WebClient;

beforeEach(async () => {
  clock = new FakeClock();
  fake = await startSlackFake({
    now: () => clock.now(),
    users: [{ id: "U0ANA", name: "ana" }],
    channels: [
      { name: "one", members: ["UBOT"] },
      { name: "two", members: ["UBOT"] },
    ],
  });
  client = webClientFor(fake);
});

afterEach(() => fake.close());

const channelId = (name: string) => fake.channelByName(name)?.id ?? "";
const createChannel = (i: number) => client.conversations.create({ name: `room-${i}` });
const post = (channel: string) => client.chat.postMessage({ channel, text: "update" });
const rateLimitedCalls = () => fake.calls.filter((call) => call.status === 429);

describe("Slack's rate tiers, on by default", () => {
  it("refuses the 21st conversations.create (Tier 2) within a minute, and allows it once the minute passed", async () => {
    for (let i = 1; i <= 20; i++) {
      await createChannel(i);
      clock.advance(1_000);
    }
    const refused = await rejection(createChannel(21));
    expect(refused).toBeInstanceOf(WebAPIRateLimitedError);
    expect(fake.channelByName("room-21")).toBeUndefined();
    expect(fake.calls.at(-1)).toMatchObject({ method: "conversations.create", ok: false, error: "ratelimited" });
    clock.advance(40_000);
    await expect(createChannel(21)).resolves.toMatchObject({ ok: true });
  });

  it("answers Retry-After in whole seconds until the oldest call of the window leaves it, at least 1", async () => {
    for (let i = 1; i <= 20; i++) await createChannel(i);
    clock.advance(59_500);
    expect(await rejection(createChannel(21))).toMatchObject({ retryAfter: 1 });
    clock.advance(-39_500);
    expect(await rejection(createChannel(21))).toMatchObject({ retryAfter: 40 });
  });

  it("counts each method in its own window: a spent conversations.create leaves conversations.invite open", async () => {
    for (let i = 1; i <= 20; i++) await createChannel(i);
    await rejection(createChannel(21));
    await expect(client.conversations.invite({ channel: channelId("room-1"), users: "U0ANA" })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("sends a 429 with the Retry-After header and ok:false ratelimited body over HTTP", async () => {
    for (let i = 1; i <= 20; i++) await createChannel(i);
    const res = await fetch(`${fake.url}conversations.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.botToken}`, "content-type": "application/x-www-form-urlencoded" },
      body: "name=room-21",
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("60");
    expect(await res.json()).toEqual({ ok: false, error: "ratelimited" });
  });

  it("knows a documented tier for every method it answers, chat.postMessage being paced per channel", () => {
    const untiered = Object.keys(METHODS).filter((method) => METHOD_TIERS[method] === undefined);
    expect(untiered).toEqual(["chat.postMessage"]);
  });

  it("limits nothing but what a test sets when started with rateLimits: false", async () => {
    const unlimited = await startSlackFake({ now: () => clock.now(), rateLimits: false, scopes: EVERY_SCOPE });
    try {
      const unlimitedClient = webClientFor(unlimited);
      for (let i = 1; i <= 25; i++) await unlimitedClient.conversations.create({ name: `room-${i}` });
      unlimited.setRateLimit("users.info", { perMinute: 1 });
      await unlimitedClient.users.info({ user: "UBOT" });
      expect(await rejection(unlimitedClient.users.info({ user: "UBOT" }))).toMatchObject({ retryAfter: 60 });
    } finally {
      await unlimited.close();
    }
  });
});

describe("chat.postMessage, about one message per second per channel", () => {
  it("allows a burst of 3 in one channel, refuses the 4th for 1 second, and leaves another channel alone", async () => {
    for (let i = 0; i < 3; i++) await post(channelId("one"));
    expect(await rejection(post(channelId("one")))).toMatchObject({ retryAfter: 1 });
    await expect(post(channelId("two"))).resolves.toMatchObject({ ok: true });
    expect(rateLimitedCalls()).toHaveLength(1);
    expect(fake.messages(channelId("one"))).toHaveLength(3);
    clock.advance(1_000);
    await expect(post(channelId("one"))).resolves.toMatchObject({ ok: true });
  });

  it("refills one message a second, so a steady pace of one a second is never refused", async () => {
    for (let i = 0; i < 3; i++) await post(channelId("one"));
    for (let i = 0; i < 30; i++) {
      clock.advance(1_000);
      await post(channelId("one"));
    }
    expect(rateLimitedCalls()).toEqual([]);
  });

  it("does not count a refused post against the channel", async () => {
    for (let i = 0; i < 3; i++) await post(channelId("one"));
    for (let i = 0; i < 5; i++) await rejection(post(channelId("one")));
    clock.advance(1_000);
    await expect(post(channelId("one"))).resolves.toMatchObject({ ok: true });
  });
});
