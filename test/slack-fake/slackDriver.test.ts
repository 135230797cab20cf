import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSlackDriver, type SlackDriver, signSlackRequest } from "../support/slackDriver.ts";
import { type SlackFake, startSlackFake } from "./index.ts";

const SECRET = "driver-test-secret";
const ANA = "U0ANA01";
const plain = (text: string) => ({ type: "plain_text" as const, text });
const option = (value: string) => ({ text: plain(value.toUpperCase()), value });
const input = (blockId: string, element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: "input",
  block_id: blockId,
  label: plain(blockId),
  element: { action_id: `${blockId}_input`, ...element },
  ...extra,
});
const INTAKE_VIEW = {
  type: "modal" as const,
  callback_id: "intake",
  title: plain("Report"),
  submit: plain("Report"),
  private_metadata: "from-command",
  blocks: [
    input("summary", { type: "plain_text_input" }),
    input(
      "severity",
      { type: "static_select", option_groups: [{ label: plain("All"), options: ["sev1", "sev2"].map(option) }] },
      { dispatch_action: true },
    ),
    input("tags", { type: "multi_static_select", options: ["spam", "abuse"].map(option) }),
    input("occurred", { type: "datetimepicker" }),
    input("owner", { type: "users_select" }),
    input("flags", { type: "checkboxes", options: ["minor", "press"].map(option) }),
    input("evidence", { type: "file_input" }),
    input("notes", { type: "plain_text_input", initial_value: "none yet" }),
    input("day", { type: "datepicker" }),
  ],
};

interface Seen {
  command?: Record<string, unknown>;
  values?: Record<string, Record<string, unknown>>;
  actions: unknown[];
  events: Array<{ event: unknown; retryNum?: number }>;
}

let fake: SlackFake;
let app: App;
let driver: SlackDriver;
let seen: Seen;
let channel: string;

beforeEach(async () => {
  fake = await startSlackFake({
    users: [{ id: ANA, name: "ana" }],
    channels: [{ name: "ts-triage", members: ["UBOT", ANA] }],
  });
  channel = fake.channelByName("ts-triage")?.id ?? "";
  seen = { actions: [], events: [] };
  app = new App({
    token: fake.botToken,
    signingSecret: SECRET,
    logLevel: LogLevel.ERROR,
    // Initialised below, so its auth.test finishes before a test can close the stand-in.
    deferInitialization: true,
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
  });
  app.command("/incident", async ({ ack, body, client }) => {
    await ack();
    seen.command = body;
    await client.views.open({ trigger_id: body.trigger_id, view: INTAKE_VIEW });
  });
  app.view("intake", async ({ ack, view }) => {
    seen.values = view.state.values;
    const summary = view.state.values.summary?.summary_input?.value;
    await ack(summary ? undefined : { response_action: "errors", errors: { summary: "Say what happened" } });
  });
  app.action(/.*/, async ({ ack, body, action }) => {
    await ack();
    seen.actions.push({ body, action });
  });
  app.event("app_mention", async ({ event, context }) => {
    seen.events.push({ event, retryNum: context.retryNum });
  });
  await app.init();
  const server = await app.start(0);
  const { port } = server.address() as AddressInfo;
  driver = createSlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET, fake });
});

afterEach(async () => {
  await app.stop();
  await fake.close();
});

async function openIntake(): Promise<string> {
  await driver.command({ userId: ANA, channelId: channel, text: "spam wave" });
  await vi.waitFor(() => expect(fake.views()).toHaveLength(1));
  return fake.views()[0]?.id ?? "";
}

describe("signSlackRequest", () => {
  it("matches Slack's documented example and an independent HMAC", () => {
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const secret = "8f742231b10e8888abcd99yyyzzz85a5";
    const expected = `v0=${createHmac("sha256", secret).update(`v0:1531420618:${body}`).digest("hex")}`;
    expect(signSlackRequest(secret, body, 1531420618)).toBe(expected);
    expect(expected).toBe("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  });
});

describe("the driver against a real Bolt app", () => {
  it("sends a signed slash command whose trigger opens a modal for that person", async () => {
    const result = await driver.command({ userId: ANA, channelId: channel, text: "spam wave" });
    expect(result.status).toBe(200);
    expect(seen.command).toMatchObject({
      command: "/incident",
      text: "spam wave",
      user_id: ANA,
      user_name: "ana",
      channel_id: channel,
      channel_name: "ts-triage",
      trigger_id: result.triggerId,
      response_url: result.responseUrl,
    });
    await vi.waitFor(() => expect(fake.views()).toHaveLength(1));
    expect(fake.views()[0]).toMatchObject({ user: ANA, callback_id: "intake", open: true });
  });

  it("submits a view with Slack's state shape for each element, untouched ones empty or initial", async () => {
    const viewId = await openIntake();
    const file = fake.addFile({ name: "shot.png", content: Buffer.from("png") });
    const result = await driver.submitView({
      viewId,
      userId: ANA,
      values: {
        summary: "Spam wave",
        severity: "sev2",
        tags: ["spam", "abuse"],
        occurred: 1764064000,
        owner: ANA,
        flags: ["press"],
        evidence: [file.id],
      },
    });
    expect(result).toEqual({ status: 200, body: "" });
    expect(seen.values).toEqual({
      summary: { summary_input: { type: "plain_text_input", value: "Spam wave" } },
      severity: { severity_input: { type: "static_select", selected_option: option("sev2") } },
      tags: { tags_input: { type: "multi_static_select", selected_options: [option("spam"), option("abuse")] } },
      occurred: { occurred_input: { type: "datetimepicker", selected_date_time: 1764064000 } },
      owner: { owner_input: { type: "users_select", selected_user: ANA } },
      flags: { flags_input: { type: "checkboxes", selected_options: [option("press")] } },
      evidence: {
        evidence_input: { type: "file_input", files: [expect.objectContaining({ id: file.id, name: "shot.png" })] },
      },
      notes: { notes_input: { type: "plain_text_input", value: "none yet" } },
      day: { day_input: { type: "datepicker", selected_date: null } },
    });
    expect(fake.view(viewId)?.open).toBe(false);
  });

  it("keeps the view open when the app answers with errors", async () => {
    const viewId = await openIntake();
    const result = await driver.submitView({ viewId, userId: ANA, values: { summary: null } });
    expect(result.body).toEqual({ response_action: "errors", errors: { summary: "Say what happened" } });
    expect(fake.view(viewId)?.open).toBe(true);
  });

  it("sends a block action from a view with the chosen option", async () => {
    const viewId = await openIntake();
    await driver.blockActionInView({ viewId, userId: ANA, blockId: "severity", value: "sev1" });
    expect(seen.actions).toHaveLength(1);
    expect(seen.actions[0]).toMatchObject({
      body: {
        type: "block_actions",
        container: { type: "view", view_id: viewId },
        view: { id: viewId, private_metadata: "from-command" },
      },
      action: {
        type: "static_select",
        action_id: "severity_input",
        block_id: "severity",
        selected_option: option("sev1"),
      },
    });
  });

  it("clicks a button on a stored message, with its value, block and a usable response URL", async () => {
    const button = { type: "button" as const, text: plain("Acknowledge"), action_id: "ack_case", value: "case-7" };
    const posted = await app.client.chat.postMessage({
      channel,
      text: "New case",
      blocks: [{ type: "actions" as const, elements: [button] }],
    });
    const result = await driver.clickButton({
      userId: ANA,
      channelId: channel,
      messageTs: posted.ts ?? "",
      actionId: "ack_case",
    });
    const blockId = fake.message(channel, posted.ts ?? "")?.blocks?.[0];
    expect(seen.actions[0]).toMatchObject({
      body: {
        container: { type: "message", message_ts: posted.ts, channel_id: channel, is_ephemeral: false },
        channel: { id: channel, name: "ts-triage" },
        message: { ts: posted.ts, text: "New case" },
        response_url: result.responseUrl,
      },
      action: {
        type: "button",
        action_id: "ack_case",
        value: "case-7",
        block_id: (blockId as { block_id: string }).block_id,
      },
    });
  });

  it("ties a clicked button's response URL to its message, so replace_original replaces that message", async () => {
    const button = { type: "button" as const, text: plain("Acknowledge"), action_id: "ack_case", value: "case-7" };
    const posted = await app.client.chat.postMessage({
      channel,
      text: "New case",
      blocks: [{ type: "actions" as const, elements: [button] }],
    });
    const ts = posted.ts ?? "";
    const { responseUrl } = await driver.clickButton({
      userId: ANA,
      channelId: channel,
      messageTs: ts,
      actionId: "ack_case",
    });
    const replaced = await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ replace_original: true, text: "Acknowledged by ana" }),
    });
    expect(replaced.status).toBe(200);
    expect(fake.message(channel, ts)?.text).toBe("Acknowledged by ana");
  });

  it("delivers events with Slack's retry headers", async () => {
    const event = { type: "app_mention", user: ANA, text: "<@UBOT> help", channel, ts: "1764064000.000100" };
    await driver.event({ event, eventId: "Ev01", retryNum: 1 });
    await vi.waitFor(() => expect(seen.events).toHaveLength(1));
    expect(seen.events[0]).toMatchObject({ event: { type: "app_mention", text: "<@UBOT> help" }, retryNum: 1 });
  });

  it("lets security tests send forged or stale signatures, which Bolt refuses", async () => {
    const body = "command=%2Fincident&text=x";
    expect((await driver.raw({ body, signature: "v0=forged" })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await driver.raw({ body, timestamp: stale })).status).toBe(401);
    expect(seen.command).toBeUndefined();
  });
});
