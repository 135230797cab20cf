import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type SlackFake, startSlackFake } from "./index.ts";

let fake: SlackFake;
const sockets: WebSocket[] = [];
/** The stand-in's clock: apps.connections.open is Tier 1, so a test's second URL comes a minute later. */
let nowMs = 0;
const aMinuteLater = () => {
  nowMs += 61_000;
};

beforeEach(async () => {
  nowMs = Date.parse("2026-03-02T10:00:00Z");
  fake = await startSlackFake({ now: () => nowMs });
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await fake.close();
});

async function connectionsOpen(token: string | undefined): Promise<Record<string, unknown>> {
  const response = await fetch(`${fake.url}apps.connections.open`, {
    method: "POST",
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  return (await response.json()) as Record<string, unknown>;
}

/** Connects as an app would; resolves with the first message (Slack's hello) or rejects with the refusal. */
function connect(url: string): Promise<{ socket: WebSocket; hello: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    sockets.push(socket);
    socket.once("message", (data) => resolve({ socket, hello: JSON.parse(data.toString()) }));
    socket.once("unexpected-response", (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
    socket.once("error", reject);
  });
}

function nextMessage(socket: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => socket.once("message", (data) => resolve(JSON.parse(data.toString()))));
}

async function connectedApp(): Promise<WebSocket> {
  const { url } = await connectionsOpen(fake.appToken);
  return (await connect(String(url))).socket;
}

/** Connects and acks every envelope, listening before the socket opens: one may follow hello in the same read. */
async function ackingApp(): Promise<WebSocket> {
  const { url } = await connectionsOpen(fake.appToken);
  const socket = new WebSocket(String(url));
  sockets.push(socket);
  socket.on("message", (data) => {
    const { envelope_id } = JSON.parse(data.toString());
    if (envelope_id) socket.send(JSON.stringify({ envelope_id }));
  });
  await new Promise((resolve) => socket.once("open", resolve));
  return socket;
}

describe("apps.connections.open", () => {
  it("gives the app-level token a WebSocket URL that greets the app with hello", async () => {
    const answer = await connectionsOpen(fake.appToken);
    expect(answer).toMatchObject({
      ok: true,
      url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=\w+&app_id=\w+$/),
    });
    const { hello } = await connect(String(answer.url));
    expect(hello).toMatchObject({ type: "hello", num_connections: 1, connection_info: { app_id: fake.appId } });
    expect(fake.socketMode.connectionsOpened).toBe(1);
  });

  it("refuses a second connection on a URL already used, and a URL it never issued", async () => {
    const { url } = await connectionsOpen(fake.appToken);
    await connect(String(url));
    await expect(connect(String(url))).rejects.toThrow("refused with HTTP 401");
    await expect(connect(String(url).replace(/ticket=\w+/, "ticket=made-up"))).rejects.toThrow("HTTP 401");
    expect(fake.socketMode.refusedConnections).toBe(2);
  });

  it("refuses the bot token, an unknown token and no token, as Slack's method page lists", async () => {
    expect(await connectionsOpen(fake.botToken)).toEqual({ ok: false, error: "not_allowed_token_type" });
    expect(await connectionsOpen("xapp-1-unknown")).toEqual({ ok: false, error: "invalid_auth" });
    expect(await connectionsOpen(undefined)).toEqual({ ok: false, error: "not_authed" });
  });

  it("refuses the app-level token passed as a POST parameter instead of the Authorization header", async () => {
    const response = await fetch(`${fake.url}apps.connections.open`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: fake.appToken }).toString(),
    });
    expect(await response.json()).toEqual({ ok: false, error: "not_authed" });
    expect(fake.socketMode.connectionsOpened).toBe(0);
  });

  it("refuses the app-level token on the bot's methods", async () => {
    const response = await fetch(`${fake.url}auth.test`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.appToken}` },
    });
    expect(await response.json()).toEqual({ ok: false, error: "not_allowed_token_type" });
  });

  it("refuses an app-level token without connections:write", async () => {
    await fake.close();
    fake = await startSlackFake({ now: () => nowMs, appScopes: ["authorizations:read"] });
    expect(await connectionsOpen(fake.appToken)).toMatchObject({
      ok: false,
      error: "missing_scope",
      needed: "connections:write",
    });
  });
});

describe("the Socket Mode WebSocket", () => {
  it("sends envelopes Slack's way and records the app's ack by envelope_id", async () => {
    const app = await connectedApp();
    app.on("message", (data) => {
      const { envelope_id } = JSON.parse(data.toString());
      app.send(JSON.stringify({ envelope_id, payload: { text: "got it" } }));
    });
    const answer = await fake.socketMode.deliver("slash_commands", { command: "/incident" });
    expect(answer).toEqual({ text: "got it" });
    const [delivery] = fake.socketMode.deliveries;
    expect(delivery?.envelope).toEqual({
      envelope_id: expect.any(String),
      type: "slash_commands",
      payload: { command: "/incident" },
      accepts_response_payload: true,
    });
    expect(delivery?.acks).toEqual([{ text: "got it" }]);
  });

  it("gives up on an envelope not acked within 3 s, and counts a late ack as stray", async () => {
    const app = await connectedApp();
    const envelope = nextMessage(app);
    const started = Date.now();
    await expect(fake.socketMode.deliver("interactive", { type: "block_actions" })).rejects.toThrow(
      /not acknowledged within 3 s/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    app.send(JSON.stringify({ envelope_id: (await envelope).envelope_id }));
    await expect.poll(() => fake.socketMode.strayAcks.length).toBe(1);
    expect(fake.socketMode.deliveries[0]).toMatchObject({ acks: [], timedOut: true });
  });

  it("marks events with their retry and accepts no response payload for them", async () => {
    const app = await connectedApp();
    app.on("message", (data) => app.send(JSON.stringify({ envelope_id: JSON.parse(data.toString()).envelope_id })));
    await fake.socketMode.deliver("events_api", { event_id: "Ev1" });
    await fake.socketMode.redeliver(fake.socketMode.deliveries[0]?.envelope.envelope_id ?? "");
    expect(fake.socketMode.deliveries.map((d) => d.envelope)).toEqual([
      expect.objectContaining({ accepts_response_payload: false, retry_attempt: 0, retry_reason: "" }),
      expect.objectContaining({ accepts_response_payload: false, retry_attempt: 1, retry_reason: "timeout" }),
    ]);
  });

  it("tells the app to disconnect with the reason and sends the next envelope on its new connection", async () => {
    const old = await connectedApp();
    const notice = nextMessage(old);
    fake.socketMode.disconnect("refresh_requested");
    expect(await notice).toMatchObject({ type: "disconnect", reason: "refresh_requested" });
    aMinuteLater();
    const reconnected = await connectedApp();
    reconnected.on("message", (data) => {
      reconnected.send(JSON.stringify({ envelope_id: JSON.parse(data.toString()).envelope_id }));
    });
    await fake.socketMode.deliver("interactive", { type: "view_submission" });
    expect(fake.socketMode.deliveries.map((d) => d.connection)).toEqual([2]);
  });

  it("loses no delivery when the app drops: the next waits for the app to reconnect", async () => {
    (await connectedApp()).terminate();
    await expect.poll(() => fake.socketMode.connectionCount).toBe(0);
    const delivered = fake.socketMode.deliver("interactive", { type: "block_actions" });
    aMinuteLater();
    await ackingApp();
    await expect(delivered).resolves.toEqual({});
  });
});
