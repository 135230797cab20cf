/** How `npm run demo` prints what Slack would show: text as a reader sees it, Block Kit as terminal lines. */
import type { SlackFake } from "../../test/slack-fake/index.ts";

/** What a reader sees: Slack's date, mention and channel tokens resolved, escapes undone. */
export function plainText(fake: SlackFake, text: string): string {
  return text
    .replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, "$1")
    .replace(/<@(\w+)>/g, (_m, id: string) => `@${fake.user(id)?.name ?? id}`)
    .replace(/<#(\w+)>/g, (_m, id: string) => `#${fake.channel(id)?.name ?? id}`)
    .replace(/<(https?:[^|>]+)\|([^>]*)>/g, "$2")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

interface RenderedBlock {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<{ text: string | { text: string } }>;
}

/** A rough terminal rendering of Block Kit, enough to see what a message says. */
export function renderBlocks(fake: SlackFake, blocks: unknown[] | undefined): string {
  const lines: string[] = [];
  const plain = (text: string) => plainText(fake, text);
  const textOf = (t: string | { text: string }) => plain(typeof t === "string" ? t : t.text);
  for (const block of (blocks ?? []) as RenderedBlock[]) {
    if (block.type === "header" && block.text) lines.push(`  ┃ ${block.text.text}`);
    if (block.type === "section" && block.text)
      lines.push(
        ...plain(block.text.text)
          .split("\n")
          .map((l) => `  │ ${l}`),
      );
    for (const field of block.fields ?? []) lines.push(`  │ ${plain(field.text).replace("\n", ": ")}`);
    if (block.type === "context") lines.push(...(block.elements ?? []).map((e) => `  │ (${textOf(e.text)})`));
    if (block.type === "actions")
      lines.push(`  │ ${(block.elements ?? []).map((e) => `[ ${textOf(e.text)} ]`).join(" ")}`);
  }
  return lines.join("\n");
}

/** Lines of plain text, indented as the demo quotes a message. */
export const quoted = (text: string): string =>
  text
    .split("\n")
    .map((l) => `  │ ${l}`)
    .join("\n");

export async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`demo: timed out waiting for ${what}`);
}
