import { ZodError } from "zod";
import { DomainError } from "../core/domainError.ts";
import type { Logger } from "../log.ts";
import { slackErrorCode } from "../scheduler/slackFailure.ts";
import { isDatabaseBusy } from "../store/database.ts";
import { mrkdwnText } from "./views/mrkdwn.ts";

/** The one mapper from failures to what a Slack user sees. */

const SLACK_ERROR_TEXT: Record<string, string> = {
  expired_trigger_id: "Slack took too long to hand over the form. Run the command again.",
  exchanged_trigger_id: "That form was already opened. Run the command again.",
  invalid_trigger_id: "Slack did not recognise that request. Run the command again.",
  ratelimited: "Slack is rate-limiting the bot right now. Try again in a minute.",
};

export type SubmissionErrors = { response_action: "errors"; errors: Record<string, string> };

/**
 * Another process holds the write lock: the transaction rolled back, so trying again is safe. Answered at
 * once, not retried: the busy timeout already waits out a short writer, and a longer holder (a shell, an
 * import) seldom lets go within Slack's 3 s, while a retry would re-run a flow's Slack calls too.
 */
export const DATABASE_BUSY_TEXT = "The case record is busy; nothing was saved. Try again in a moment.";

/** Where a form shows errors: each named field's block (unlisted: the field name), and one for the rest. */
export interface SubmissionBlocks {
  fallback: string;
  byField?: Readonly<Record<string, string>>;
}

/** `response_action: "errors"` for a view submission, when the failure is about its fields. */
function toViewErrors(error: unknown, byField: Readonly<Record<string, string>>): SubmissionErrors | undefined {
  if (!(error instanceof DomainError) || Object.keys(error.fields).length === 0) return undefined;
  const errors = Object.entries(error.fields).map(([field, message]) => [byField[field] ?? field, message]);
  return { response_action: "errors", errors: Object.fromEntries(errors) };
}

/**
 * The answer to a view submission that failed: field errors where the failure is about fields, else
 * the message on the fallback block, so the form stays open with what was typed.
 */
export function toSubmissionErrors(
  error: unknown,
  blocks: SubmissionBlocks,
  log: Logger,
  context: { callbackId: string } & Record<string, unknown>,
): SubmissionErrors {
  return (
    toViewErrors(error, blocks.byField ?? {}) ?? {
      response_action: "errors",
      errors: { [blocks.fallback]: toUserMessage(error, log, context) },
    }
  );
}

/** A sentence for an ephemeral reply; unexpected failures are logged with context and stay vague. */
export function toUserMessage(error: unknown, log: Logger, context: Record<string, unknown>): string {
  if (error instanceof DomainError) return mrkdwnText(error.text);
  if (error instanceof ZodError) {
    log.warn({ ...context, issues: error.issues.map((i) => i.path.join(".")) }, "malformed Slack payload");
    return "Slack sent something the bot did not understand. Try again; if it keeps happening, tell an admin.";
  }
  if (isDatabaseBusy(error)) {
    log.warn(context, "database busy (another process holds the write lock); asked the user to retry");
    return DATABASE_BUSY_TEXT;
  }
  const code =
    (error as { code?: string }).code === "slack_webapi_rate_limited_error" ? "ratelimited" : slackErrorCode(error);
  if (code && SLACK_ERROR_TEXT[code]) return SLACK_ERROR_TEXT[code];
  log.error({ ...context, err: error }, "request failed");
  return "Something went wrong on our side. Try again; if it keeps happening, tell an admin.";
}
