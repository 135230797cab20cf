/**
 * Block Kit problems reported the way Slack does: one message per problem, each ending with the JSON
 * pointer of the offending field, e.g. `must be less than 3001 characters [json-pointer:/blocks/0/text/text]`.
 */
import { isRecord } from "./args.ts";

export type Problems = string[];

/** The text object's own bound: docs.slack.dev/reference/block-kit/composition-objects/text-object (1–3000). */
export const TEXT_OBJECT_MAX = 3000;

export function tooLong(max: number, pointer: string): string {
  return `must be less than ${max + 1} characters [json-pointer:${pointer}]`;
}

export function tooShort(min: number, pointer: string): string {
  return `must be more than ${min - 1} characters [json-pointer:${pointer}]`;
}

export function tooMany(max: number, pointer: string): string {
  return `no more than ${max} items allowed [json-pointer:${pointer}]`;
}

export function tooFew(min: number, pointer: string): string {
  return `no fewer than ${min} items required [json-pointer:${pointer}]`;
}

export function outOfRange(min: number, max: number, pointer: string): string {
  const bound = Number.isFinite(max) ? `between ${min} and ${max}` : `at least ${min}`;
  return `must be an integer ${bound} [json-pointer:${pointer}]`;
}

export function missingField(field: string, pointer: string): string {
  return `missing required field: ${field} [json-pointer:${pointer}]`;
}

export function noSchema(pointer: string): string {
  return `failed to match all allowed schemas [json-pointer:${pointer}]`;
}

export function notAmongOptions(pointer: string): string {
  return `must exactly match one of the element's options [json-pointer:${pointer}]`;
}

export function duplicate(field: string, pointer: string): string {
  return `duplicate ${field} [json-pointer:${pointer}]`;
}

/** A text object (`{type: plain_text|mrkdwn, text}`) within `max` characters. */
export function checkText(value: unknown, pointer: string, max: number, problems: Problems, plainOnly = false): void {
  const types = plainOnly ? ["plain_text"] : ["plain_text", "mrkdwn"];
  if (!isRecord(value) || typeof value.text !== "string" || !types.includes(String(value.type))) {
    problems.push(noSchema(pointer));
    return;
  }
  if (value.text.length === 0) problems.push(tooShort(1, `${pointer}/text`));
  if (value.text.length > max) problems.push(tooLong(max, `${pointer}/text`));
}

export function asErrorMessages(problems: Problems): string[] {
  return problems.map((problem) => `[ERROR] ${problem}`);
}
