/** Test helpers: what the stand-in answers to a modal or a message built from given blocks. */
import type { WebClient } from "@slack/web-api";
import { expect } from "vitest";
import { FakeClock } from "../support/fakeClock.ts";
import { type SlackFake, startSlackFake } from "./index.ts";
import { refusal, webClientFor } from "./webClientFor.ts";

export const PERSON = "U0PERSON";

export const plain = (text: string) => ({ type: "plain_text", text });
export const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
export const option = (text: string, value: string, extra: Record<string, unknown> = {}) => ({
  text: plain(text),
  value,
  ...extra,
});
export const options = (count: number, prefix = "o") =>
  Array.from({ length: count }, (_, i) => option(`${prefix}${i}`, `${prefix}${i}`));
export const input = (element: Record<string, unknown>, blockId = "field") => ({
  type: "input",
  block_id: blockId,
  label: plain("Field"),
  element: { action_id: `${blockId}_value`, ...element },
});
export const actions = (elements: unknown[], blockId = "buttons") => ({ type: "actions", block_id: blockId, elements });
export const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: "button",
  text: plain("Go"),
  action_id: actionId,
  ...extra,
});
export const modal = (blocks: unknown[]) => ({ type: "modal", title: plain("Form"), submit: plain("Send"), blocks });

export interface BlockKitProbe {
  fake: SlackFake;
  client: WebClient;
  channel: string;
  /** Slack's `[ERROR] …` messages for views.open of a modal with these blocks; empty when it opened. */
  opening(blocks: unknown[]): Promise<string[]>;
  /** The same for chat.postMessage of these blocks. */
  posting(blocks: unknown[]): Promise<string[]>;
  close(): Promise<void>;
}

/** The messages of a refused call (checking its error code), or none when it succeeded. */
export async function refusedWith(code: string, call: Promise<unknown>): Promise<string[]> {
  const outcome = await call.then(
    () => undefined,
    () => refusal(call),
  );
  if (outcome === undefined) return [];
  expect(outcome.error).toBe(code);
  return outcome.response_metadata?.messages ?? [];
}

export async function startBlockKitProbe(): Promise<BlockKitProbe> {
  // Each call comes a second after the last, as a paced bot's would: the probe meets Block Kit's rules, not 429s.
  const clock = new FakeClock();
  const paced = <T>(call: () => T): T => {
    clock.advance(1_000);
    return call();
  };
  const fake = await startSlackFake({
    now: () => clock.now(),
    users: [{ id: PERSON, name: "person" }],
    channels: [{ name: "general", members: ["UBOT", PERSON] }],
  });
  const client = webClientFor(fake);
  const channel = fake.channelByName("general")?.id ?? "";
  return {
    fake,
    client,
    channel,
    opening: (blocks) =>
      paced(() =>
        refusedWith(
          "invalid_arguments",
          client.apiCall("views.open", { trigger_id: fake.issueTriggerId({ userId: PERSON }), view: modal(blocks) }),
        ),
      ),
    posting: (blocks) =>
      paced(() => refusedWith("invalid_blocks", client.apiCall("chat.postMessage", { channel, text: "t", blocks }))),
    close: () => fake.close(),
  };
}
