/**
 * Slash-command ack latency: signed `/incident` commands at a steady rate, each with a fresh trigger_id and
 * response_url from the Slack stand-in, timed from request written to response read.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import autocannon from "autocannon";
import type { SlackFake } from "../test/slack-fake/index.ts";
import { signSlackRequest } from "../test/support/slackDriver.ts";
import { type LatencySummary, summarize } from "./stats.ts";
import { waitUntil } from "./waitUntil.ts";

export interface AckLoad {
  port: number;
  fake: SlackFake;
  signingSecret: string;
  userId: string;
  channelId: string;
  ratePerSecond: number;
  seconds: number;
}

export interface AckResult {
  latency: LatencySummary;
  sent: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** views.open calls the stand-in answered ok, and refused (by error code), for this run's triggers. */
  viewsOpened: number;
  viewsRefused: Record<string, number>;
  /** How late this process's event loop ran during the run: latency it adds to every figure above. */
  benchLoopDelay: { p99Ms: number; maxMs: number };
}

// The server opens the modal after acking, so the last views.open calls land a little after the last response.
const VIEWS_OPEN_SETTLE_MS = 5_000;

/** A slash command as Slack posts it: form-encoded, signed, with a trigger and response URL valid for it alone. */
function signedSlashCommand(load: AckLoad): autocannon.Request {
  const { fake, userId, channelId } = load;
  const body = new URLSearchParams({
    token: "fake-verification-token",
    team_id: fake.teamId,
    team_domain: "fake-workspace",
    channel_id: channelId,
    channel_name: fake.channel(channelId)?.name ?? "directmessage",
    user_id: userId,
    user_name: fake.user(userId)?.name ?? userId,
    command: "/incident",
    text: "",
    api_app_id: fake.appId,
    is_enterprise_install: "false",
    response_url: fake.responseUrl(),
    trigger_id: fake.issueTriggerId({ userId }),
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    method: "POST",
    path: "/slack/events",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signSlackRequest(load.signingSecret, body, timestamp),
    },
    body,
  };
}

function runOneConnection(load: AckLoad, onLatency: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${load.port}`,
        connections: 1,
        connectionRate: 1,
        // Latencies are taken raw from the response event; autocannon's own histogram is not used.
        ignoreCoordinatedOmission: true,
        duration: load.seconds,
        requests: [{ setupRequest: (request) => ({ ...request, ...signedSlashCommand(load) }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) onLatency(responseTime);
    });
  });
}

/**
 * autocannon's rate limit lets each connection send its whole second's quota at once, so one instance at
 * 50/s sends bursts of 50. Instead `ratePerSecond` connections each send one request a second, started
 * 1/ratePerSecond s apart: one request every 20 ms at 50/s.
 */
export async function measureAckLatency(load: AckLoad): Promise<AckResult> {
  const callsBefore = load.fake.calls.length;
  const samples: number[] = [];
  const gapMs = 1000 / load.ratePerSecond;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const results = await Promise.all(
    Array.from({ length: load.ratePerSecond }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * gapMs));
      return runOneConnection(load, (ms) => samples.push(ms));
    }),
  );
  loopDelay.disable();
  const total = (pick: (r: autocannon.Result) => number) => results.reduce((sum, r) => sum + pick(r), 0);
  const sent = total((r) => r.requests.sent);

  const viewsOpenCalls = () => load.fake.calls.slice(callsBefore).filter((call) => call.method === "views.open");
  await waitUntil(() => viewsOpenCalls().length >= sent, VIEWS_OPEN_SETTLE_MS, 20);
  const viewsRefused: Record<string, number> = {};
  for (const call of viewsOpenCalls().filter((c) => !c.ok)) {
    const code = call.error ?? `http_${call.status}`;
    viewsRefused[code] = (viewsRefused[code] ?? 0) + 1;
  }
  return {
    latency: summarize(samples),
    sent,
    non2xx: total((r) => r.non2xx),
    errors: total((r) => r.errors),
    timeouts: total((r) => r.timeouts),
    viewsOpened: viewsOpenCalls().filter((c) => c.ok).length,
    viewsRefused,
    benchLoopDelay: { p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 },
  };
}
