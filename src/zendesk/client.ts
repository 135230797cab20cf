import { z } from "zod";
import type { Config } from "../config.ts";

/** The Zendesk API the bot writes to: its base URL and the API token's owner. */
export type ZendeskApi = NonNullable<Config["zendesk"]>;

/** Long enough for a slow ticket update, short enough that a hung connection frees its job slot. */
export const ZENDESK_TIMEOUT_MS = 10_000;

/** A body Zendesk stores a comment with; the rest of the update answer is not read. */
const updateAnswer = z.object({ ticket: z.object({ id: z.number() }) });

// developer.zendesk.com/api-reference/introduction/requests: errors carry `error` (a code, or an object with a
// title) and often `description`; the text is bounded before it reaches a log or the case timeline.
const errorAnswer = z.object({
  error: z.union([z.string(), z.object({ title: z.string().optional(), message: z.string().optional() })]).optional(),
  description: z.string().optional(),
});

/** A refusal or failure answered by Zendesk: its HTTP status, the seconds its Retry-After asks, and what it said. */
export class ZendeskApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Zendesk ${status}: ${detail}`);
    this.name = "ZendeskApiError";
  }
}

/** Basic auth with an API token: `{email}/token:{token}`, base64 (developer.zendesk.com security-and-auth). */
export function zendeskAuthorization(api: ZendeskApi): string {
  return `Basic ${Buffer.from(`${api.email}/token:${api.apiToken}`).toString("base64")}`;
}

function errorDetail(status: number, text: string): string {
  const parsed = errorAnswer.safeParse(safeJson(text));
  if (!parsed.success) return `HTTP ${status}`;
  const { error, description } = parsed.data;
  const code = typeof error === "string" ? error : (error?.title ?? error?.message);
  return (
    [code, description]
      .filter((part) => part !== undefined && part !== "")
      .join(": ")
      .slice(0, 200) || `HTTP ${status}`
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function retryAfterSeconds(header: string | null): number | undefined {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

/**
 * Adds an internal note to a ticket: a ticket update carrying one comment with `public: false`
 * (developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments: comments are created through
 * `PUT /api/v2/tickets/{id}.json`, and a comment without `public` takes the ticket's default, which may be public).
 */
export async function addInternalNote(api: ZendeskApi, ticketId: string, body: string): Promise<void> {
  const response = await fetch(`${api.apiUrl}/api/v2/tickets/${encodeURIComponent(ticketId)}.json`, {
    method: "PUT",
    headers: {
      authorization: zendeskAuthorization(api),
      "content-type": "application/json",
      accept: "application/json",
    },
    body: JSON.stringify({ ticket: { comment: { body, public: false } } }),
    signal: AbortSignal.timeout(ZENDESK_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new ZendeskApiError(
      response.status,
      errorDetail(response.status, text),
      retryAfterSeconds(response.headers.get("retry-after")),
    );
  }
  const answer = updateAnswer.safeParse(safeJson(text));
  if (!answer.success) throw new ZendeskApiError(response.status, "the ticket update answer was not a ticket");
}
