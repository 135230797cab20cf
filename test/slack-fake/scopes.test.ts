import type { WebClient } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { type SlackFake, startSlackFake } from "./index.ts";
import { refusal, webClientFor } from "./webClientFor.ts";

const ANA = "U0ANA01";
const BEN = "U0BEN01";

let fake: SlackFake | undefined;

afterEach(() => fake?.close());

async function clientWith(scopes?: string[]): Promise<{ client: WebClient; fake: SlackFake }> {
  fake = await startSlackFake({
    ...(scopes ? { scopes } : {}),
    users: [
      { id: ANA, name: "ana", email: "ana@example.com" },
      { id: BEN, name: "ben" },
    ],
    channels: [
      { name: "general", members: ["UBOT", ANA] },
      { name: "secret", is_private: true, members: ["UBOT", ANA] },
    ],
  });
  return { client: webClientFor(fake), fake };
}

describe("missing_scope", () => {
  it("grants the bot scopes of manifest.yml when no scopes are given", async () => {
    const { client } = await clientWith();
    const refused = await refusal(client.users.lookupByEmail({ email: "ana@example.com" }));
    expect(refused).toMatchObject({ error: "missing_scope", needed: "users:read.email" });
    const { provided = "" } = refused as { provided?: string };
    expect(provided.split(",")).toEqual(expect.arrayContaining(["commands", "chat:write", "pins:write"]));
  });

  it("refuses chat.postMessage without chat:write, naming what was needed and what was provided", async () => {
    const { client, fake } = await clientWith(["commands", "pins:write"]);
    const general = fake.channelByName("general")?.id ?? "";
    const refused = await refusal(client.chat.postMessage({ channel: general, text: "hi" }));
    expect(refused).toMatchObject({ error: "missing_scope", needed: "chat:write", provided: "commands,pins:write" });
    expect(fake.messages(general)).toEqual([]);
  });

  it("needs the read scope of every kind of conversation users.conversations lists", async () => {
    const { client } = await clientWith(["channels:read"]);
    await expect(client.users.conversations({ types: "public_channel" })).resolves.toMatchObject({ ok: true });
    expect(await refusal(client.users.conversations({ types: "public_channel,private_channel" }))).toMatchObject({
      error: "missing_scope",
      needed: "groups:read",
    });
  });

  it("needs groups:write to create a private channel and channels:manage for a public one", async () => {
    const publicOnly = await clientWith(["channels:manage"]);
    expect(await refusal(publicOnly.client.conversations.create({ name: "inc-1", is_private: true }))).toMatchObject({
      error: "missing_scope",
      needed: "groups:write",
    });
    await expect(publicOnly.client.conversations.create({ name: "inc-2" })).resolves.toMatchObject({ ok: true });
    await publicOnly.fake.close();

    const privateOnly = await clientWith(["groups:write"]);
    expect(await refusal(privateOnly.client.conversations.create({ name: "inc-3" }))).toMatchObject({
      needed: "channels:manage",
    });
    await expect(privateOnly.client.conversations.create({ name: "inc-4", is_private: true })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("needs the scope of the conversation's kind to set a topic: groups:write for a private one", async () => {
    const { client, fake } = await clientWith(["channels:manage"]);
    const secret = fake.channelByName("secret")?.id ?? "";
    const general = fake.channelByName("general")?.id ?? "";
    expect(await refusal(client.conversations.setTopic({ channel: secret, topic: "x" }))).toMatchObject({
      error: "missing_scope",
      needed: "groups:write",
    });
    await expect(client.conversations.setTopic({ channel: general, topic: "x" })).resolves.toMatchObject({ ok: true });
  });

  it("needs im:write to open a DM and mpim:write to open a group DM", async () => {
    const { client } = await clientWith(["im:write"]);
    await expect(client.conversations.open({ users: ANA })).resolves.toMatchObject({ ok: true });
    expect(await refusal(client.conversations.open({ users: `${ANA},${BEN}` }))).toMatchObject({
      error: "missing_scope",
      needed: "mpim:write",
    });
    await fake?.close();
    const withoutIm = await clientWith(["chat:write"]);
    expect(await refusal(withoutIm.client.conversations.open({ users: ANA }))).toMatchObject({ needed: "im:write" });
  });

  it("needs users:read for users.info and users:read.email for users.lookupByEmail", async () => {
    const { client } = await clientWith(["users:read"]);
    await expect(client.users.info({ user: ANA })).resolves.toMatchObject({ ok: true });
    expect(await refusal(client.users.lookupByEmail({ email: "ana@example.com" }))).toMatchObject({
      needed: "users:read.email",
    });
    await fake?.close();
    const emailOnly = await clientWith(["users:read.email"]);
    expect(await refusal(emailOnly.client.users.info({ user: ANA }))).toMatchObject({ needed: "users:read" });
    await expect(emailOnly.client.users.lookupByEmail({ email: "ana@example.com" })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("needs reactions:write for reactions.add", async () => {
    const { client, fake } = await clientWith(["chat:write"]);
    const general = fake.channelByName("general")?.id ?? "";
    const posted = await client.chat.postMessage({ channel: general, text: "hi" });
    expect(
      await refusal(client.reactions.add({ channel: general, timestamp: posted.ts ?? "", name: "eyes" })),
    ).toMatchObject({ error: "missing_scope", needed: "reactions:write" });
    expect(fake.message(general, posted.ts ?? "")?.reactions).toEqual([]);
  });
});
