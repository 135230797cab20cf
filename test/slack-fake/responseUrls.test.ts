import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../support/fakeClock.ts";
import { type SlackFake, startSlackFake } from "./index.ts";
import { webClientFor } from "./webClientFor.ts";

const ANA = "U0ANA01";
const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

let clock: FakeClock;
let fake: SlackFake;
let client: WebClient;
let general: string;

beforeEach(async () => {
  clock = new FakeClock();
  fake = await startSlackFake({
    now: () => clock.now(),
    users: [{ id: ANA, name: "ana" }],
    channels: [{ name: "general", members: ["UBOT", ANA] }],
  });
  client = webClientFor(fake);
  general = fake.channelByName("general")?.id ?? "";
});

afterEach(() => fake.close());

async function respond(url: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** A message with a button, and the response URL a click on it would carry. */
async function clickedMessage(): Promise<{ ts: string; url: string }> {
  const posted = await client.chat.postMessage({ channel: general, text: "Page", blocks: [section("Page")] });
  const ts = posted.ts ?? "";
  return { ts, url: fake.responseUrl({ channelId: general, userId: ANA, messageTs: ts }) };
}

describe("response URL limits", () => {
  it("takes 5 posts and refuses the 6th with HTTP 404 expired_url", async () => {
    const url = fake.responseUrl({ channelId: general, userId: ANA });
    for (let i = 1; i <= 5; i++) expect((await respond(url, { text: `reply ${i}` })).status).toBe(200);
    expect(await respond(url, { text: "reply 6" })).toEqual({ status: 404, body: { ok: false, error: "expired_url" } });
    expect(fake.responses(url)).toHaveLength(5);
  });

  it("takes a post 30 minutes after the request and refuses one a moment later", async () => {
    const onTime = fake.responseUrl({ channelId: general, userId: ANA });
    const late = fake.responseUrl({ channelId: general, userId: ANA });
    clock.advance(30 * 60_000);
    expect((await respond(onTime, { text: "just in time" })).status).toBe(200);
    clock.advance(1);
    expect((await respond(late, { text: "too late" })).status).toBe(404);
    expect(fake.responses(late)).toEqual([]);
  });
});

describe("what a response does", () => {
  it("shows an ephemeral response (the default) to the user alone, and an in_channel one to everyone", async () => {
    const url = fake.responseUrl({ channelId: general, userId: ANA });
    await respond(url, { text: "just you" });
    await respond(url, { response_type: "in_channel", text: "everyone" });
    expect(fake.ephemerals(general)).toMatchObject([{ user: ANA, text: "just you" }]);
    expect(fake.messages(general).map((m) => [m.text, m.user])).toEqual([["everyone", "UBOT"]]);
  });

  it("replaces the message a block action came from, keeping its ts, with replace_original", async () => {
    const { ts, url } = await clickedMessage();
    expect(
      (await respond(url, { replace_original: true, text: "Acknowledged", blocks: [section("Ack")] })).status,
    ).toBe(200);
    expect(fake.message(general, ts)).toMatchObject({ text: "Acknowledged", blocks: [section("Ack")] });
    expect(fake.messages(general)).toHaveLength(1);
  });

  it("deletes the message a block action came from with delete_original", async () => {
    const { ts, url } = await clickedMessage();
    expect((await respond(url, { delete_original: true })).status).toBe(200);
    expect(fake.message(general, ts)).toBeUndefined();
  });

  it("refuses replace_original and delete_original on a slash command's URL, which has no message", async () => {
    const url = fake.responseUrl({ channelId: general, userId: ANA });
    for (const body of [{ replace_original: true, text: "x" }, { delete_original: true }]) {
      expect(await respond(url, body)).toMatchObject({ status: 400, body: { error: "message_not_found" } });
    }
    expect(fake.messages(general)).toEqual([]);
  });

  it("refuses blocks chat.postMessage would refuse, leaving the original as it was", async () => {
    const { ts, url } = await clickedMessage();
    const tooLong = { replace_original: true, text: "x", blocks: [section("a".repeat(3001))] };
    expect(await respond(url, tooLong)).toMatchObject({
      status: 400,
      body: {
        error: "invalid_blocks",
        errors: ["must be less than 3001 characters [json-pointer:/blocks/0/text/text]"],
      },
    });
    expect(fake.message(general, ts)?.text).toBe("Page");
    expect(fake.responses(url)).toEqual([]);
  });

  it("refuses a response_type other than in_channel or ephemeral, and an empty message", async () => {
    const url = fake.responseUrl({ channelId: general, userId: ANA });
    expect((await respond(url, { response_type: "channel", text: "x" })).status).toBe(400);
    expect(await respond(url, { response_type: "ephemeral" })).toMatchObject({
      status: 400,
      body: { error: "no_text" },
    });
    expect(fake.ephemerals()).toEqual([]);
  });
});
