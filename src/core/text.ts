// Control characters other than newline and tab have no place in a case record (they break exports,
// terminals and Slack rendering), so every free-text field goes through this.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** User text as it is recorded: control characters removed, surrounding white space trimmed. */
export function cleanText(value: string | null | undefined): string {
  return (value ?? "").replace(CONTROL_CHARS, "").trim();
}

/** Cuts text to `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
