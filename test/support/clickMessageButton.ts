import { expect } from "vitest";
import type { Harness } from "./harness.ts";
import { jsonText } from "./jsonText.ts";

export interface ButtonClick {
  userId: string;
  channelId: string;
  messageTs: string;
  actionId: string;
}

/** Clicks a message button; returns the modal it opened, or the ephemeral answer it got (as text). */
export async function clickMessageButton(
  h: Harness,
  click: ButtonClick,
): Promise<{ viewId: string | undefined; reply: string }> {
  const before = new Set(h.fake.views().map((v) => v.id));
  const res = await h.driver.clickButton(click);
  const opened = () => h.fake.views().find((v) => !before.has(v.id));
  await expect.poll(() => opened() ?? h.fake.responses(res.responseUrl)[0]).toBeDefined();
  return { viewId: opened()?.id, reply: jsonText(h.fake.responses(res.responseUrl)[0]?.body) };
}
