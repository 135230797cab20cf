import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SlackFake, startSlackFake } from "./index.ts";
import { refusal, webClientFor } from "./webClientFor.ts";

const ANA = "U0ANA01";

let fake: SlackFake;
let client: WebClient;

beforeEach(async () => {
  fake = await startSlackFake({ users: [{ id: ANA, name: "ana" }] });
  client = webClientFor(fake);
});

afterEach(() => fake.close());

const errorOf = async (call: Promise<unknown>) => (await refusal(call)).error;
const namesOf = (page: { channels?: Array<{ name?: string }> }) => (page.channels ?? []).map((c) => c.name);

describe("users.conversations", () => {
  it("lists only channels the bot is in, public ones unless types asks for more", async () => {
    await client.conversations.create({ name: "mine-public" });
    await client.conversations.create({ name: "mine-private", is_private: true });
    fake.addChannel({ name: "not-mine", members: [ANA] });
    fake.addChannel({ name: "not-mine-private", is_private: true, members: [ANA] });

    expect(namesOf(await client.users.conversations({}))).toEqual(["mine-public"]);
    const both = await client.users.conversations({ types: "public_channel,private_channel" });
    expect(namesOf(both)).toEqual(["mine-public", "mine-private"]);
    expect(await errorOf(client.users.conversations({ types: "public_channel,secret_channel" }))).toBe("invalid_types");
  });

  it("says who created each channel, and leaves out is_member as the doc says", async () => {
    await client.conversations.create({ name: "made-by-bot" });
    fake.addChannel({ name: "made-by-ana", members: [ANA, fake.botUserId], creator: ANA });
    fake.addChannel({ name: "seeded", members: [fake.botUserId] });

    const { channels = [] } = await client.users.conversations({});
    expect(channels.map((c) => [c.name, c.creator])).toEqual([
      ["made-by-bot", fake.botUserId],
      ["made-by-ana", ANA],
      ["seeded", "USLACKBOT"],
    ]);
    expect(channels[0]).not.toHaveProperty("is_member");
  });

  it("keeps archived channels unless exclude_archived is set", async () => {
    const { channel } = await client.conversations.create({ name: "closed-case" });
    await client.conversations.archive({ channel: channel?.id ?? "" });
    await client.conversations.create({ name: "open-case" });

    expect(namesOf(await client.users.conversations({}))).toEqual(["closed-case", "open-case"]);
    expect(namesOf(await client.users.conversations({ exclude_archived: true }))).toEqual(["open-case"]);
  });

  it("pages with limit and cursor, a page holding fewer than asked when filters drop some", async () => {
    for (const name of ["a-1", "a-2", "a-3", "a-4", "a-5"]) {
      const { channel } = await client.conversations.create({ name });
      if (name === "a-2") await client.conversations.archive({ channel: channel?.id ?? "" });
    }
    const pages: Array<Array<string | undefined>> = [];
    let cursor: string | undefined;
    do {
      const page = await client.users.conversations({ limit: 2, cursor, exclude_archived: true });
      pages.push(namesOf(page));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(pages).toEqual([["a-1"], ["a-3", "a-4"], ["a-5"]]);
  });

  it("refuses a limit outside 1 to 999 and a cursor it did not issue", async () => {
    await expect(client.users.conversations({ limit: 999 })).resolves.toMatchObject({ ok: true });
    expect(await errorOf(client.users.conversations({ limit: 1000 }))).toBe("invalid_limit");
    expect(await errorOf(client.users.conversations({ limit: 0 }))).toBe("invalid_limit");
    expect(await errorOf(client.users.conversations({ cursor: "bm90LWEtY3Vyc29y" }))).toBe("invalid_cursor");
  });
});
