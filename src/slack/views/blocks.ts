/** Small Block Kit builders with Slack's limits applied where the text is made. */
import type { types } from "@slack/bolt";
import { truncate } from "../../core/text.ts";

export type ModalView = types.ModalView;
export type HomeView = types.HomeView;

export const LIMITS = {
  modalTitle: 24,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  sectionFields: 10,
  contextElements: 10,
  optionText: 75,
  selectOptions: 100,
  blocksPerMessage: 50,
  blocksPerView: 100,
  privateMetadata: 3000,
} as const;

export type Block = Record<string, unknown> & { type: string };

/** A message as chat.postMessage and chat.update take it: the text is the notification and fallback. */
export interface MessageContent {
  text: string;
  blocks?: Block[];
}
export type Option = {
  text: { type: "plain_text"; text: string };
  value: string;
  description?: { type: "plain_text"; text: string };
};

export const plain = (text: string, max: number = LIMITS.sectionText) => ({
  type: "plain_text" as const,
  text: truncate(text, max),
  emoji: true,
});

export const markdown = (text: string, max: number = LIMITS.sectionText) => ({
  type: "mrkdwn" as const,
  text: truncate(text, max),
});

export const header = (text: string): Block => ({ type: "header", text: plain(text, LIMITS.headerText) });

export const section = (text: string, extra: Record<string, unknown> = {}): Block => ({
  type: "section",
  text: markdown(text),
  ...extra,
});

export const fields = (pairs: ReadonlyArray<readonly [string, string]>): Block => ({
  type: "section",
  fields: pairs
    .slice(0, LIMITS.sectionFields)
    .map(([label, value]) => markdown(`*${label}*\n${value}`, LIMITS.fieldText)),
});

export const context = (...texts: string[]): Block => ({
  type: "context",
  elements: texts.slice(0, LIMITS.contextElements).map((t) => markdown(t, LIMITS.fieldText)),
});

export const divider = (): Block => ({ type: "divider" });

export const option = (label: string, value: string, description?: string): Option => ({
  text: plain(label, LIMITS.optionText),
  value,
  ...(description ? { description: plain(description, LIMITS.optionText) } : {}),
});

export const button = (
  label: string,
  actionId: string,
  value: string,
  style?: "primary" | "danger",
): Record<string, unknown> => ({
  type: "button",
  text: plain(label, 75),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

export const actions = (blockId: string, elements: Record<string, unknown>[]): Block => ({
  type: "actions",
  block_id: blockId,
  elements,
});

/** Keeps a message within Slack's block limit, saying what was left out. */
export function capBlocks(blocks: Block[], max: number): Block[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), context(`${blocks.length - max + 1} more items not shown.`)];
}
