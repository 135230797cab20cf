/**
 * Seeded generators of malformed (and some well-formed) Slack requests over every surface, for the fuzz test.
 * Every choice comes from one PRNG, so a seed reproduces a whole run.
 */
import { ACTION, CALLBACK, COMMAND } from "../../src/slack/ids.ts";
import type { SeededRandom as Random } from "./seededRandom.ts";

export interface FuzzContext {
  users: readonly string[];
  channelId: string;
  teamId: string;
  caseIds: readonly string[];
  viewIds: readonly string[];
  triggerId(): string;
  responseUrl(): string;
}

export type Signing = "signed" | "unsigned" | "forged" | "stale" | "future";

export interface FuzzRequest {
  surface: string;
  body: string;
  contentType?: string;
  signing: Signing;
}

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";
const SUBCOMMANDS = [
  "",
  "help",
  "role",
  "assign",
  "status",
  "evidence",
  "consult",
  "timeline",
  "verify",
  "find",
  "summary",
  "propose",
  "vote",
  "interim",
  "appeal",
  "close",
  "calendar",
  "holiday",
  "oncall",
  "page",
  "ack",
  "nonsense",
];
const JUNK_TEXT = [
  "",
  " ",
  "\u0000",
  "<!channel>",
  "<@U0NOBODY|x>",
  "TS-2026-9999",
  "TS-0000-0000",
  "2026-13-45 25:61",
  "now",
  "💥".repeat(50),
  "'; DROP TABLE cases; --",
  "%00%ff",
  "a".repeat(4000),
  "\n\n\t",
  "-1",
  "1e309",
  "null",
];

function junkValue(r: Random, ctx: FuzzContext): unknown {
  switch (r.int(9)) {
    case 0:
      return null;
    case 1:
      return r.int(1e9) - 5e8;
    case 2:
      return r.chance(0.5);
    case 3:
      return [junkValue(r, ctx)];
    case 4:
      return { value: junkValue(r, ctx) };
    case 5:
      return r.pick(ctx.caseIds.length ? ctx.caseIds : ["TS-2026-0001"]);
    case 6:
      return r.pick(ctx.users);
    default:
      return r.pick(JUNK_TEXT);
  }
}

function commandText(r: Random, ctx: FuzzContext): string {
  const words = [r.pick(SUBCOMMANDS)];
  for (let i = r.int(6); i > 0; i--) {
    words.push(r.pick([`<@${r.pick(ctx.users)}|x>`, String(junkValue(r, ctx)), r.pick(SUBCOMMANDS), "now", "for"]));
  }
  return words.join(" ");
}

function slashCommand(r: Random, ctx: FuzzContext): FuzzRequest {
  const fields: Record<string, string> = {
    token: "t",
    team_id: ctx.teamId,
    channel_id: r.chance(0.8) ? ctx.channelId : String(junkValue(r, ctx)),
    user_id: r.chance(0.85) ? r.pick(ctx.users) : String(junkValue(r, ctx)),
    command: r.chance(0.9) ? COMMAND : "/other",
    text: commandText(r, ctx),
    trigger_id: ctx.triggerId(),
    response_url: ctx.responseUrl(),
  };
  for (const name of Object.keys(fields)) if (r.chance(0.04)) delete fields[name];
  return { surface: "command", body: new URLSearchParams(fields).toString(), contentType: FORM, signing: "signed" };
}

function stateValues(r: Random, ctx: FuzzContext): unknown {
  if (r.chance(0.1)) return junkValue(r, ctx);
  const values: Record<string, unknown> = {};
  for (let i = r.int(5); i > 0; i--) {
    const element: Record<string, unknown> = { type: r.pick(["plain_text_input", "static_select", "datetimepicker"]) };
    element[r.pick(["value", "selected_option", "selected_date_time", "selected_user"])] = r.chance(0.7)
      ? String(junkValue(r, ctx))
      : junkValue(r, ctx);
    values[r.pick(["title", "category", "severity", "summary", "outcome", "choice", "rationale", "x"])] = {
      input: element,
    };
  }
  return values;
}

function view(r: Random, ctx: FuzzContext): unknown {
  if (r.chance(0.05)) return junkValue(r, ctx);
  return {
    id: r.chance(0.6) && ctx.viewIds.length ? r.pick(ctx.viewIds) : `V${r.int(1e6)}`,
    callback_id: r.chance(0.9) ? r.pick(Object.values(CALLBACK)) : String(junkValue(r, ctx)),
    private_metadata: r.chance(0.7) ? JSON.stringify({ caseId: junkValue(r, ctx) }) : junkValue(r, ctx),
    state: { values: stateValues(r, ctx) },
    hash: "h",
  };
}

function interaction(r: Random, ctx: FuzzContext): FuzzRequest {
  const user = r.chance(0.9) ? { id: r.pick(ctx.users), team_id: ctx.teamId } : junkValue(r, ctx);
  const type = r.pick(["block_actions", "block_actions", "view_submission", "view_closed", "shortcut", "x"]);
  const payload: Record<string, unknown> = { type, user, team: { id: ctx.teamId }, trigger_id: ctx.triggerId() };
  if (type === "block_actions") {
    const action = {
      type: "button",
      action_id: r.chance(0.9) ? r.pick(Object.values(ACTION)) : String(junkValue(r, ctx)),
      block_id: "case_actions",
      value: r.chance(0.8) ? String(junkValue(r, ctx)) : junkValue(r, ctx),
      action_ts: "1.0",
    };
    payload.actions = r.chance(0.9) ? [action] : junkValue(r, ctx);
    payload.response_url = ctx.responseUrl();
    if (r.chance(0.4)) {
      payload.view = view(r, ctx);
      payload.container = { type: "view", view_id: "V1" };
    } else {
      payload.channel = { id: ctx.channelId };
      payload.message = { ts: r.chance(0.5) ? "1.000100" : junkValue(r, ctx), blocks: [] };
      payload.container = { type: "message", message_ts: "1.000100", channel_id: ctx.channelId };
    }
  } else payload.view = view(r, ctx);
  for (const name of Object.keys(payload)) if (r.chance(0.04)) delete payload[name];
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return { surface: `interaction:${type}`, body, contentType: FORM, signing: "signed" };
}

function event(r: Random, ctx: FuzzContext): FuzzRequest {
  const kind = r.int(5);
  let body: unknown;
  if (kind === 0) body = { type: "url_verification", token: "t", challenge: r.chance(0.8) ? "abc" : junkValue(r, ctx) };
  else {
    const eventBody: Record<string, unknown> = {
      type: kind === 1 ? r.pick(["team_join", "message", "x", ""]) : "app_home_opened",
      // Well-formed app_home_opened events name known users: the stand-in refuses unknown ones, a real failure.
      user: r.chance(0.85) ? r.pick(ctx.users) : junkValue(r, ctx),
      tab: r.chance(0.8) ? r.pick(["home", "messages"]) : junkValue(r, ctx),
    };
    body = {
      type: r.chance(0.95) ? "event_callback" : junkValue(r, ctx),
      team_id: ctx.teamId,
      event_id: r.chance(0.9) ? `Ev${r.int(1e9)}` : junkValue(r, ctx),
      event: r.chance(0.95) ? eventBody : junkValue(r, ctx),
    };
  }
  return { surface: "event", body: JSON.stringify(body), contentType: JSON_TYPE, signing: "signed" };
}

function oddBody(r: Random, ctx: FuzzContext): FuzzRequest {
  const choices: Array<() => FuzzRequest> = [
    () => ({ surface: "json-null", body: "null", contentType: JSON_TYPE, signing: "signed" }),
    () => ({
      surface: "json-scalar",
      body: JSON.stringify(junkValue(r, ctx)),
      contentType: JSON_TYPE,
      signing: "signed",
    }),
    () => ({ surface: "json-array", body: "[1,{}]", contentType: JSON_TYPE, signing: "signed" }),
    () => ({ surface: "json-broken", body: '{"type":"event_callback",', contentType: JSON_TYPE, signing: "signed" }),
    () => ({
      surface: "deep",
      body: `${"[".repeat(20_000)}${"]".repeat(20_000)}`,
      contentType: JSON_TYPE,
      signing: "signed",
    }),
    () => ({
      surface: "deep-payload",
      body: new URLSearchParams({ payload: `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}` }).toString(),
      contentType: FORM,
      signing: "signed",
    }),
    () => ({ surface: "ssl_check", body: "ssl_check=1&token=t", contentType: FORM, signing: "signed" }),
    () => ({ surface: "form-payload-null", body: "payload=null", contentType: FORM, signing: "signed" }),
    () => ({
      surface: "form-repeated",
      body: "command=%2Fincident&command=x&text=&text=",
      contentType: FORM,
      signing: "signed",
    }),
    () => ({ surface: "form-bad-escape", body: "payload=%7B%ZZ&text=%", contentType: FORM, signing: "signed" }),
    () => ({
      surface: "text-plain",
      body: "hello",
      contentType: r.pick(["text/plain", "multipart/form-data"]),
      signing: "signed",
    }),
    () => ({ surface: "no-content-type", body: "{}", signing: "signed" }),
    () => ({
      ...slashCommand(r, ctx),
      surface: "unsigned",
      signing: r.pick(["unsigned", "forged", "stale", "future"]),
    }),
  ];
  return r.pick(choices)();
}

/** One request, surfaces weighted towards the ones with the most listeners. */
export function fuzzRequest(r: Random, ctx: FuzzContext): FuzzRequest {
  const roll = r.next();
  if (roll < 0.3) return slashCommand(r, ctx);
  if (roll < 0.65) return interaction(r, ctx);
  if (roll < 0.8) return event(r, ctx);
  return oddBody(r, ctx);
}
