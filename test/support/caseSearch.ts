import { expect } from "vitest";
import type { Harness } from "./harness.ts";
import { USERS } from "./harness.ts";

const CASE_ID = /TS-\d{4}-\d{4,}/g;

interface SearchReply {
  text: string;
  blocks?: Array<{ text?: { text?: string } }>;
}

/**
 * `/incident search <text>` through the bot; the case ids it lists, in order. Fails on any answer that is
 * not a search result (an error reply would otherwise read as "nothing found").
 */
export async function searchIds(h: Harness, text: string, userId: string = USERS.observer): Promise<string[]> {
  const { status, body } = await h.driver.command({ text: `search ${text}`, userId, channelId: h.triageChannelId });
  expect(status).toBe(200);
  const reply = body as SearchReply;
  expect(reply.text).toMatch(/^(No case matches|\d+ cases match) /);
  // The first block is the heading, which quotes the search text: ids typed by the user are not results.
  const lines = (reply.blocks ?? []).slice(1).map((block) => block.text?.text ?? "");
  return lines.flatMap((line) => line.match(CASE_ID)?.slice(0, 1) ?? []);
}
