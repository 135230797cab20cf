/** What the stand-in checks in a ticket update and what it answers, each rule with the Zendesk page it comes from. */

/** An answer: an HTTP status, a JSON body, and headers (Retry-After on a 429). */
export interface ZendeskReply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A comment as the stand-in stored it, with `public` as Zendesk would have set it. */
export interface StoredComment {
  ticketId: number;
  body: string;
  public: boolean;
  at: number;
}

// developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments: "A ticket can contain up to 5000 comments".
export const MAX_COMMENTS_PER_TICKET = 5000;

// developer.zendesk.com/api-reference/introduction/requests: errors are JSON with `error` and `description`.
export const refusal = (status: number, error: string, description?: string): ZendeskReply => ({
  status,
  body: description === undefined ? { error } : { error, description },
});

// developer.zendesk.com/api-reference/introduction/security-and-auth: a request without valid credentials is a 401.
export const UNAUTHENTICATED = refusal(401, "Couldn't authenticate you");

// developer.zendesk.com/api-reference/introduction/requests: an unknown record is a 404 RecordNotFound.
export const TICKET_NOT_FOUND = refusal(404, "RecordNotFound", "Not found");

// developer.zendesk.com/api-reference/introduction/requests: a path that is no endpoint is a 404 InvalidEndpoint.
export const NO_SUCH_ENDPOINT = refusal(404, "InvalidEndpoint", "Not found");

// developer.zendesk.com/api-reference/introduction/requests: validation failures are 422 RecordInvalid with `details`.
export const recordInvalid = (field: string, description: string): ZendeskReply => ({
  status: 422,
  body: {
    error: "RecordInvalid",
    description: "Record validation errors",
    details: { [field]: [{ description, error: "InvalidValue" }] },
  },
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A comment the update adds, or the refusal Zendesk answers for its shape. */
export function commentOf(body: unknown): { body: string; public: boolean } | ZendeskReply {
  // developer.zendesk.com/api-reference/ticketing/tickets/tickets (Update Ticket): the body is {"ticket": {...}}.
  if (!isRecord(body) || !isRecord(body.ticket)) {
    return refusal(400, "InvalidValue", "The request body must be a JSON object with a ticket");
  }
  const comment = body.ticket.comment;
  // ticket_comments: comments are created by including a comment object in the ticket object.
  if (!isRecord(comment)) return recordInvalid("comment", "Comment: the update carries no comment object");
  // ticket_comments JSON format: `body` is the comment string; an empty comment is not stored.
  if (typeof comment.body !== "string" || comment.body.trim() === "") {
    return recordInvalid("comment", "Comment: body cannot be blank");
  }
  if (comment.public !== undefined && typeof comment.public !== "boolean") {
    return recordInvalid("comment", "Comment: public must be true or false");
  }
  // ticket_comments: `public` is "true if a public comment; false if an internal note", and a comment sent
  // without it does not become a note (the stricter reading of "the initial value … persists"): it is public.
  return { body: comment.body, public: comment.public ?? true };
}
