/**
 * Sends the real app what Slack sends it: signed slash commands, interactivity payloads built from what the
 * Slack stand-in stored, and Events API callbacks.
 */
import { createHmac, randomBytes } from "node:crypto";
import { actionFor, type FieldValue, isRecord, type SlackFake, stateValues } from "../slack-fake/index.ts";

export type { FieldValue } from "../slack-fake/index.ts";

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`, as Slack signs every request to an app. */
export function signSlackRequest(signingSecret: string, body: string, timestampSec: number): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestampSec}:${body}`).digest("hex")}`;
}

export interface DriverResponse {
  status: number;
  /** Parsed JSON when the app answered JSON, else the raw text ("" for an empty acknowledgement). */
  body: unknown;
}

export interface CommandResponse extends DriverResponse {
  triggerId: string;
  responseUrl: string;
}

export interface SlackDriver {
  command(input: { text?: string; userId: string; channelId: string; command?: string }): Promise<CommandResponse>;
  submitView(input: { viewId: string; userId: string; values: Record<string, FieldValue> }): Promise<DriverResponse>;
  blockActionInView(input: {
    viewId: string;
    userId: string;
    blockId: string;
    value: FieldValue;
  }): Promise<DriverResponse>;
  clickButton(input: {
    userId: string;
    channelId: string;
    messageTs: string;
    actionId: string;
    threadTs?: string;
    /** The message as the clicker's Slack still shows it (a replacement not yet seen); default: as stored. */
    shownMessage?: Record<string, unknown>;
  }): Promise<DriverResponse & { triggerId: string; responseUrl: string }>;
  event(input: { event: Record<string, unknown>; eventId?: string; retryNum?: number }): Promise<DriverResponse>;
  raw(input: { body: string; contentType?: string; timestamp?: number; signature?: string }): Promise<DriverResponse>;
}

export interface SlackDriverOptions {
  appUrl: string;
  signingSecret: string;
  fake: SlackFake;
  /** The clock requests are signed with; the app checks it against its own clock (the harness shares its fake one). */
  now?: () => number;
}

const VERIFICATION_TOKEN = "fake-verification-token";
const TEAM_DOMAIN = "fake-workspace";
const FORM = "application/x-www-form-urlencoded";

function findButton(
  blocks: unknown[],
  actionId: string,
): { block: Record<string, unknown>; button: Record<string, unknown> } {
  for (const block of blocks.filter(isRecord)) {
    const elements = Array.isArray(block.elements) ? block.elements : [block.accessory];
    const button = elements.filter(isRecord).find((el) => el.type === "button" && el.action_id === actionId);
    if (button) return { block, button };
  }
  throw new Error(`no button with action_id ${actionId} in the message`);
}

/**
 * How the driver's payloads reach the app: signed HTTP posts (this file) or Socket Mode envelopes
 * (socketModeDriver.ts). The payloads are the same; only the carrier differs.
 */
export interface SlackTransport {
  command(fields: Record<string, string>): Promise<DriverResponse>;
  interaction(payload: Record<string, unknown>): Promise<DriverResponse>;
  event(body: Record<string, unknown>, retryNum: number | undefined): Promise<DriverResponse>;
  raw(input: { body: string; contentType?: string; timestamp?: number; signature?: string }): Promise<DriverResponse>;
}

/** Slack's HTTP delivery: every request signed with the signing secret and the clock's timestamp. */
function httpTransport(options: SlackDriverOptions): SlackTransport {
  const { appUrl, signingSecret } = options;
  const now = options.now ?? Date.now;

  async function post(
    body: string,
    contentType: string,
    sent: { headers?: Record<string, string>; timestamp?: number; signature?: string } = {},
  ) {
    const timestamp = sent.timestamp ?? Math.floor(now() / 1000);
    const response = await fetch(appUrl, {
      method: "POST",
      headers: {
        "content-type": contentType,
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": sent.signature ?? signSlackRequest(signingSecret, body, timestamp),
        ...sent.headers,
      },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    if (text !== "" && (response.headers.get("content-type") ?? "").includes("json")) parsed = JSON.parse(text);
    return { status: response.status, body: parsed };
  }

  return {
    command: (fields) => post(new URLSearchParams(fields).toString(), FORM),
    interaction: (payload) => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM),
    event: (body, retryNum) => {
      const retry: Record<string, string> =
        retryNum === undefined ? {} : { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" };
      return post(JSON.stringify(body), "application/json", { headers: retry });
    },
    raw: ({ body, contentType = FORM, timestamp, signature }) => post(body, contentType, { timestamp, signature }),
  };
}

/** An Events API delivery of `event` as Slack envelopes it (type `event_callback`), for the stand-in's workspace. */
export function eventCallback(
  fake: SlackFake,
  event: Record<string, unknown>,
  {
    eventId = `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
    nowMs = Date.now(),
  }: { eventId?: string; nowMs?: number } = {},
): Record<string, unknown> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: fake.teamId,
    api_app_id: fake.appId,
    event: { event_ts: (nowMs / 1000).toFixed(6), ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(nowMs / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: fake.teamId,
        user_id: fake.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  return createDriverOver(httpTransport(options), options);
}

/** The driver's interactions, built from what the stand-in stored, sent over `transport`. */
export function createDriverOver(
  transport: SlackTransport,
  options: { fake: SlackFake; now?: () => number },
): SlackDriver {
  const { fake } = options;
  const now = options.now ?? Date.now;
  const actionTs = () => (now() / 1000).toFixed(6);

  function user(userId: string) {
    const name = fake.user(userId)?.name ?? userId;
    return { id: userId, username: name, name, team_id: fake.teamId };
  }

  function envelope(type: string, userId: string, triggerId: string) {
    return {
      type,
      user: user(userId),
      api_app_id: fake.appId,
      token: VERIFICATION_TOKEN,
      trigger_id: triggerId,
      team: { id: fake.teamId, domain: TEAM_DOMAIN },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  function openView(viewId: string) {
    const view = fake.view(viewId);
    if (!view) throw new Error(`the Slack stand-in holds no view ${viewId}`);
    if (!view.open) throw new Error(`view ${viewId} is closed; Slack would not let anyone interact with it`);
    return view;
  }

  const findFile = (id: string) => fake.file(id);

  return {
    async command({ text = "", userId, channelId, command = "/incident" }) {
      const triggerId = fake.issueTriggerId({ userId });
      const responseUrl = fake.responseUrl({ channelId, userId });
      const form = {
        token: VERIFICATION_TOKEN,
        team_id: fake.teamId,
        team_domain: TEAM_DOMAIN,
        channel_id: channelId,
        channel_name: fake.channel(channelId)?.name ?? "directmessage",
        user_id: userId,
        user_name: fake.user(userId)?.name ?? userId,
        command,
        text,
        api_app_id: fake.appId,
        is_enterprise_install: "false",
        response_url: responseUrl,
        trigger_id: triggerId,
      };
      return { ...(await transport.command(form)), triggerId, responseUrl };
    },

    async submitView({ viewId, userId, values }) {
      const view = openView(viewId);
      const payload = {
        ...envelope("view_submission", userId, fake.issueTriggerId({ userId, viewId })),
        view: { ...fake.viewPayload(viewId), state: { values: stateValues(view.blocks, values, findFile) } },
        response_urls: [],
      };
      const response = await transport.interaction(payload);
      if (response.status === 200) fake.applyViewSubmissionResponse(viewId, response.body);
      return response;
    },

    async blockActionInView({ viewId, userId, blockId, value }) {
      const view = openView(viewId);
      const block = view.blocks.filter(isRecord).find((b) => b.block_id === blockId);
      if (!block) throw new Error(`view ${viewId} has no block ${blockId}`);
      return transport.interaction({
        ...envelope("block_actions", userId, fake.issueTriggerId({ userId, viewId })),
        container: { type: "view", view_id: viewId },
        view: {
          ...fake.viewPayload(viewId),
          state: { values: stateValues(view.blocks, { [blockId]: value }, findFile) },
        },
        actions: [actionFor(block, value, findFile, actionTs())],
      });
    },

    async clickButton({ userId, channelId, messageTs, actionId, threadTs, shownMessage }) {
      const message = shownMessage ?? fake.messagePayload(channelId, messageTs);
      const { block, button } = findButton(Array.isArray(message.blocks) ? message.blocks : [], actionId);
      const triggerId = fake.issueTriggerId({ userId });
      // The URL belongs to the clicked message: replace_original and delete_original act on it.
      const responseUrl = fake.responseUrl({ channelId, userId, messageTs });
      const response = await transport.interaction({
        ...envelope("block_actions", userId, triggerId),
        container: {
          type: "message",
          message_ts: messageTs,
          channel_id: channelId,
          is_ephemeral: false,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        },
        channel: { id: channelId, name: fake.channel(channelId)?.name ?? "directmessage" },
        message,
        state: { values: {} },
        response_url: responseUrl,
        actions: [{ ...button, block_id: block.block_id, action_ts: actionTs() }],
      });
      return { ...response, triggerId, responseUrl };
    },

    event({ event, eventId, retryNum }) {
      return transport.event(eventCallback(fake, event, { eventId, nowMs: now() }), retryNum);
    },

    raw: transport.raw,
  };
}
