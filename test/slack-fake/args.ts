/** Reading Web API arguments the way Slack does, and failing with Slack's error shape. */
import type { Args } from "./types.ts";

/** A refused call: becomes `{ ok: false, error: code, ...extra }` with HTTP 200. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export function fail(code: string, extra: Record<string, unknown> = {}): never {
  throw new SlackApiError(code, extra);
}

/** Slack's answer to a missing argument it has no specific code for. */
export function failMissing(name: string): never {
  fail("invalid_arguments", {
    response_metadata: { messages: [`[ERROR] missing required field: ${name}`] },
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function optionalString(args: Args, key: string): string | undefined {
  const value = args[key];
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** A required string; `missing` names Slack's error code when it has one for this argument. */
export function requiredString(args: Args, key: string, missing?: string): string {
  const value = optionalString(args, key);
  if (value !== undefined) return value;
  return missing ? fail(missing) : failMissing(key);
}

export function booleanArg(args: Args, key: string): boolean {
  const value = args[key];
  return value === true || value === "true" || value === "1" || value === 1;
}

/** Comma-separated in form bodies, an array in JSON bodies. */
export function listArg(args: Args, key: string): string[] {
  const value = args[key];
  const items = Array.isArray(value) ? value.map(String) : typeof value === "string" ? value.split(",") : [];
  return items.map((item) => item.trim()).filter((item) => item !== "");
}

/**
 * A structured argument (blocks, view, files). The body parser already decoded JSON; a string left here
 * did not parse, which Slack reports with `invalidCode`.
 */
export function structuredArg(args: Args, key: string, invalidCode: string): unknown {
  const value = args[key];
  if (typeof value === "string") {
    try {
      return JSON.parse(value);
    } catch {
      return fail(invalidCode);
    }
  }
  return value;
}

export function integerArg(args: Args, key: string, invalidCode: string): number | undefined {
  const raw = optionalString(args, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return Number.isInteger(value) ? value : fail(invalidCode);
}
