import { truncate } from "./text.ts";

/**
 * A piece of a user-facing sentence that each surface renders its own way: in Slack a user is a mention, an
 * instant shows in the reader's zone and typed text is escaped; as plain text they are an id, UTC and the text.
 */
export type TextPart =
  | string
  | { readonly user: string }
  | { readonly at: number }
  /** What a person typed, shown back at most `max` characters long. */
  | { readonly typed: string; readonly max: number }
  /** A subcommand of the slash command, like `evidence list`. */
  | { readonly command: string };

export type DomainText = readonly TextPart[];

export const user = (userId: string): TextPart => ({ user: userId });
export const instant = (at: number): TextPart => ({ at });
export const typed = (text: string, max: number): TextPart => ({ typed: text, max });
export const command = (words: string): TextPart => ({ command: words });

/** A sentence with references: `` sentence`${user(id)} already owns ${humanId}.` ``. */
export function sentence(strings: TemplateStringsArray, ...values: readonly (TextPart | number)[]): DomainText {
  const parts: TextPart[] = [];
  const push = (part: TextPart) => {
    const last = parts.at(-1);
    if (typeof part === "string" && typeof last === "string") parts[parts.length - 1] = last + part;
    else if (part !== "") parts.push(part);
  };
  strings.forEach((text, i) => {
    push(text);
    const value = values[i];
    if (value !== undefined) push(typeof value === "number" ? String(value) : value);
  });
  return parts;
}

/** `2026-03-01 10:00 UTC`: an instant for readers whose zone the bot does not know. */
export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().replace("T", " ").slice(0, 16)} UTC`;
}

/** The sentence for logs and surfaces without markup. */
export function plainText(text: DomainText): string {
  return text.map(plainPart).join("");
}

function plainPart(part: TextPart): string {
  if (typeof part === "string") return part;
  if ("user" in part) return part.user;
  if ("at" in part) return utcMinute(part.at);
  if ("typed" in part) return truncate(part.typed, part.max);
  return part.command;
}
