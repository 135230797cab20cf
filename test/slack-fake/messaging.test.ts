import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EVERY_SCOPE, type SlackFake, startSlackFake } from "./index.ts";
import { refusal, webClientFor } from "./webClientFor.ts";

const ANA = "U0ANA01";
const GONE = "U0GONE1";
const OTHER_BOT = "U0OTHERBOT";

let fake: SlackFake;
let client: WebClient;
let general: string;

beforeEach(async () => {
  fake = await startSlackFake({
    scopes: EVERY_SCOPE,
    users: [
      { id: ANA, name: "ana" },
      { id: GONE, name: "gone", deleted: true },
      { id: OTHER_BOT, name: "other-bot", is_bot: true },
    ],
    channels: [{ name: "general", members: ["UBOT", ANA] }],
  });
  client = webClientFor(fake);
  general = fake.channelByName("general")?.id ?? "";
});

afterEach(() => fake.close());

const errorOf = async (call: Promise<unknown>) => (await refusal(call)).error;
const ims = () => fake.channels().filter((channel) => channel.is_im);

describe("direct messages", () => {
  it("posts to a person's user id in the app's DM with them", async () => {
    const posted = await client.chat.postMessage({ channel: ANA, text: "paged" });
    expect(fake.channel(posted.channel ?? "")).toMatchObject({ is_im: true, user: ANA });
    expect(fake.messages(posted.channel ?? "").map((m) => m.text)).toEqual(["paged"]);
  });

  it("refuses chat.postMessage to a bot, itself included, or a deactivated person, opening no DM", async () => {
    for (const userId of [OTHER_BOT, "UBOT", GONE]) {
      expect(await errorOf(client.chat.postMessage({ channel: userId, text: "x" }))).toBe("channel_not_found");
    }
    expect(ims()).toEqual([]);
  });

  it("refuses conversations.open with a bot as cannot_dm_bot and a deactivated person as user_disabled", async () => {
    expect(await errorOf(client.conversations.open({ users: OTHER_BOT }))).toBe("cannot_dm_bot");
    expect(await errorOf(client.conversations.open({ users: GONE }))).toBe("user_disabled");
    expect(await errorOf(client.conversations.open({ users: `${ANA},${OTHER_BOT}` }))).toBe("cannot_dm_bot");
    expect(ims()).toEqual([]);
  });
});

describe("message text", () => {
  it("keeps 40,000 characters of chat.update text and refuses 40,001 as msg_too_long, leaving the message", async () => {
    const posted = await client.chat.postMessage({ channel: general, text: "first" });
    const ts = posted.ts ?? "";
    await expect(client.chat.update({ channel: general, ts, text: "a".repeat(40_000) })).resolves.toMatchObject({
      ok: true,
    });
    expect(await errorOf(client.chat.update({ channel: general, ts, text: "b".repeat(40_001) }))).toBe("msg_too_long");
    expect(fake.message(general, ts)?.text).toBe("a".repeat(40_000));
  });

  it("truncates chat.postEphemeral text beyond 40,000 characters, as it does chat.postMessage's", async () => {
    const sent = await client.chat.postEphemeral({ channel: general, user: ANA, text: "c".repeat(40_001) });
    expect(sent.response_metadata?.warnings).toEqual(["message_truncated"]);
    expect(fake.ephemerals(general)[0]?.text).toHaveLength(40_000);
  });
});
