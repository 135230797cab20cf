import { z } from "zod";
import { viewStateValues } from "./listeners/views/viewState.ts";
import { type Refusal, refuse } from "./requestGuard.ts";

/** Slack's payloads nest about ten deep; far deeper is no payload of Slack's and only costs recursion. */
const MAX_JSON_DEPTH = 64;

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/);
const userRef = z.looseObject({ id: slackUserId });

// The shapes below are what https://api.slack.com/reference/interaction-payloads describes for each type.
const viewPayload = z.looseObject({
  id: z.string().min(1),
  callback_id: z.string(),
  private_metadata: z.string().optional(),
  state: z.looseObject({ values: viewStateValues }).optional(),
});
const blockAction = z.looseObject({
  type: z.string(),
  action_id: z.string(),
  block_id: z.string().optional(),
  value: z.string().optional(),
});
const blockActions = z
  .looseObject({
    user: userRef,
    actions: z.array(blockAction).min(1),
    container: z.looseObject({ type: z.string() }),
    view: viewPayload.optional(),
    channel: z.looseObject({ id: z.string() }).optional(),
    message: z.looseObject({ ts: z.string() }).optional(),
    response_url: z.string().optional(),
    trigger_id: z.string().optional(),
  })
  // A click in a view comes with the view; one on a message with the message, its channel and a response_url.
  .refine((body) =>
    body.container.type === "view"
      ? body.view !== undefined
      : body.message !== undefined && body.channel !== undefined && body.response_url !== undefined,
  );
/** The interactivity the manifest enables: no shortcuts and no external selects, so no other payload type. */
const interactionShapes: Readonly<Record<string, z.ZodType>> = {
  block_actions: blockActions,
  view_submission: z.looseObject({ user: userRef, view: viewPayload }),
  view_closed: z.looseObject({ user: userRef, view: viewPayload }),
};
const interaction = z.looseObject({ type: z.string().min(1), user: userRef });

// https://api.slack.com/interactivity/slash-commands#app_command_handling lists the fields every command carries.
const COMMAND_FIELDS = ["command", "text", "user_id", "channel_id", "team_id", "trigger_id", "response_url"] as const;

// https://api.slack.com/apis/events-api#callback-field: the outer event_callback envelope.
const eventCallback = z.looseObject({
  type: z.literal("event_callback"),
  event_id: z.string().min(1),
  team_id: z.string(),
  authorizations: z.array(z.looseObject({ team_id: z.string().nullish() })).optional(),
  // Bolt reads these fields of any event, where present, to find its user and conversation.
  event: z.looseObject({
    type: z.string().min(1),
    user: z.union([z.string(), z.looseObject({ id: z.string() })]).optional(),
    channel: z.union([z.string(), z.looseObject({})]).optional(),
    channel_id: z.string().optional(),
    item: z.looseObject({}).optional(),
    subteam: z.looseObject({}).optional(),
  }),
});
const eventShapes: Readonly<Record<string, z.ZodType>> = {
  // https://api.slack.com/events/app_home_opened
  app_home_opened: z.looseObject({ user: slackUserId, tab: z.string() }),
};
const urlVerification = z.looseObject({ type: z.literal("url_verification"), challenge: z.string().min(1) });

export type SlackRequest =
  | { kind: "url_verification"; challenge: string }
  /** ssl_check (https://api.slack.com/interactivity/slash-commands) and app_rate_limited need only a 200. */
  | { kind: "notice"; type: string }
  | { kind: "event"; body: Record<string, unknown> }
  | { kind: "command"; body: Record<string, string> }
  | { kind: "interaction"; body: Record<string, unknown> };

const malformed = (reason: string): Refusal => refuse(400, reason);

/** Counts bracket nesting outside strings, before JSON.parse builds anything. */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") deepest = Math.max(deepest, ++depth);
    else if (c === "}" || c === "]") depth--;
  }
  return deepest;
}

type JsonObject = { kind: "object"; value: Record<string, unknown> };

function parseJsonObject(text: string): JsonObject | Refusal {
  if (jsonDepth(text) > MAX_JSON_DEPTH) return malformed("JSON nested too deep");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return malformed("body is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return malformed("JSON is not an object");
  return { kind: "object", value: value as Record<string, unknown> };
}

function parseJsonBody(text: string): SlackRequest | Refusal {
  const parsed = parseJsonObject(text);
  if (parsed.kind === "refused") return parsed;
  const body = parsed.value;
  if (body.type === "url_verification") {
    const check = urlVerification.safeParse(body);
    return check.success ? { kind: "url_verification", challenge: check.data.challenge } : malformed("bad challenge");
  }
  if (body.type === "app_rate_limited") return { kind: "notice", type: "app_rate_limited" };
  return checkEvent(body) ?? { kind: "event", body };
}

/** An Events API callback as Slack sends it, over HTTP or Socket Mode; undefined when it is one. */
export function checkEvent(body: Record<string, unknown>): Refusal | undefined {
  const envelope = eventCallback.safeParse(body);
  if (!envelope.success) return malformed("not an event callback");
  const shape = eventShapes[envelope.data.event.type];
  if (shape && !shape.safeParse(envelope.data.event).success) return malformed("event of an unexpected shape");
  return undefined;
}

/** An interaction payload of a type the app enables, in Slack's shape; undefined when it is one. */
export function checkInteraction(body: Record<string, unknown>): Refusal | undefined {
  const base = interaction.safeParse(body);
  if (!base.success) return malformed("not an interaction payload");
  const shape = interactionShapes[base.data.type];
  if (!shape) return malformed("interaction of a type the app does not enable");
  if (!shape.safeParse(body).success) return malformed("interaction of an unexpected shape");
  return undefined;
}

/** A slash command carrying every field Slack sends, from a user; undefined when it is one. */
export function checkCommand(fields: Readonly<Record<string, unknown>>): Refusal | undefined {
  if (COMMAND_FIELDS.some((name) => typeof fields[name] !== "string")) return malformed("slash command missing fields");
  if (!slackUserId.safeParse(fields.user_id).success) return malformed("slash command from no user");
  return undefined;
}

function parseFormBody(text: string): SlackRequest | Refusal {
  const form = new URLSearchParams(text);
  const fields: Record<string, string> = {};
  for (const [key, value] of form) {
    if (key in fields) return malformed("repeated form field");
    fields[key] = value;
  }
  if (fields.payload !== undefined) {
    const parsed = parseJsonObject(fields.payload);
    if (parsed.kind === "refused") return parsed;
    const body = parsed.value;
    return checkInteraction(body) ?? { kind: "interaction", body };
  }
  if (fields.ssl_check === "1") return { kind: "notice", type: "ssl_check" };
  return checkCommand(fields) ?? { kind: "command", body: fields };
}

/** What Slack sent, by content type and shape; anything Slack does not send is refused before Bolt sees it. */
export function parseSlackRequest(contentType: string | undefined, rawBody: Buffer): SlackRequest | Refusal {
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  const text = rawBody.toString("utf8");
  if (mediaType === "application/json") return parseJsonBody(text);
  if (mediaType === "application/x-www-form-urlencoded") return parseFormBody(text);
  return refuse(415, "unsupported content type");
}
