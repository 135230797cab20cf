import { fail } from "../../core/domainError.ts";
import { cleanText } from "../../core/text.ts";

export const APPEAL_TEXT_MAX = 2000;

/** Grounds or a rationale, trimmed: required, at most APPEAL_TEXT_MAX characters. */
export function appealText(text: string, what: string): string {
  const trimmed = cleanText(text);
  if (trimmed.length === 0) fail("invalid_input", `Give the ${what}.`);
  if (trimmed.length > APPEAL_TEXT_MAX) fail("invalid_input", `Keep the ${what} to ${APPEAL_TEXT_MAX} characters.`);
  return trimmed;
}
