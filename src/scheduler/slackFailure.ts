import { DomainError } from "../core/domainError.ts";
import { isDatabaseBusy } from "../store/database.ts";

/**
 * How long a job, or the runner's look for due jobs, waits after meeting another process's write lock:
 * long enough that the waits cost the loop little (each try blocks it for at most BUSY_TIMEOUT_MS), short
 * enough that a brief holder delays a war room by a fraction of a second.
 */
export const DATABASE_BUSY_RETRY_MS = 250;

/** How a failed job attempt should be treated: wait as Slack asked, back off and retry, or give up. */
export type FailureClass =
  | { kind: "rate_limited"; retryAfterMs: number; detail: string }
  | { kind: "database_busy"; detail: string }
  | { kind: "transient"; detail: string }
  | { kind: "permanent"; code: string; detail: string };

// Platform errors Slack documents as temporary; every other `ok:false` error will not heal by retrying.
const TRANSIENT_PLATFORM_ERRORS = new Set([
  "fatal_error",
  "internal_error",
  "request_timeout",
  "service_unavailable",
  "ratelimited",
  "rate_limited",
  "team_added_to_org",
]);

// The last error of a job waiting out a 429, so a reader of the jobs table tells it from a planned wait.
const RATE_LIMIT_WAIT = "ratelimited (Retry-After";

/** Whether a job's last error says it is waiting out a Slack rate limit. */
export function isRateLimitWait(lastError: string | null): boolean {
  return lastError?.startsWith(RATE_LIMIT_WAIT) ?? false;
}

/**
 * A failure its handler has already classified: calls to services other than Slack (Zendesk) throw this, so
 * the runner treats them by the same rules (wait out a 429, back off on 5xx, give up on a refusal).
 */
export class ClassifiedFailure extends Error {
  constructor(readonly failure: FailureClass) {
    super(failure.detail);
    this.name = "ClassifiedFailure";
  }
}

/** A 429's wait of `seconds`, written as Slack's are, so settle() and readers of the jobs table see the wait. */
export function rateLimitedFor(seconds: number, service: string): FailureClass {
  const wait = seconds > 0 ? seconds : 1;
  return { kind: "rate_limited", retryAfterMs: wait * 1000, detail: `${RATE_LIMIT_WAIT} ${wait}s) from ${service}` };
}

interface SlackLikeError {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
  original?: { name?: unknown };
}

export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof ClassifiedFailure) return error.failure;
  if (error instanceof DomainError) return { kind: "permanent", code: error.code, detail: error.message };
  if (isDatabaseBusy(error)) return { kind: "database_busy", detail: "database busy (write lock held elsewhere)" };
  const e = (typeof error === "object" && error !== null ? error : {}) as SlackLikeError;
  switch (e.code) {
    case "slack_webapi_rate_limited_error": {
      const seconds = typeof e.retryAfter === "number" && e.retryAfter > 0 ? e.retryAfter : 1;
      return { kind: "rate_limited", retryAfterMs: seconds * 1000, detail: `${RATE_LIMIT_WAIT} ${seconds}s)` };
    }
    case "slack_webapi_platform_error": {
      const code = String(e.data?.error ?? "unknown_error");
      return TRANSIENT_PLATFORM_ERRORS.has(code)
        ? { kind: "transient", detail: code }
        : { kind: "permanent", code, detail: code };
    }
    case "slack_webapi_http_error":
      return { kind: "transient", detail: `HTTP ${String(e.statusCode)}` };
    case "slack_webapi_request_error":
      // The client's timeout aborts the request with a TimeoutError: say so, an operator reads it as Slack stalling.
      return { kind: "transient", detail: e.original?.name === "TimeoutError" ? "timed out" : "network error" };
    default:
      return { kind: "transient", detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** The Slack error code of a platform error, for handlers that treat some codes as success. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = (typeof error === "object" && error !== null ? error : {}) as SlackLikeError;
  return e.code === "slack_webapi_platform_error" ? String(e.data?.error) : undefined;
}

/** 1 s, 2 s, 4 s … capped at 5 minutes. */
export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 5 * 60_000);
}
