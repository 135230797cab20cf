/**
 * Reads through the real bot over signed HTTP, each with its own deadline: a read slower than the deadline
 * is reported as a timeout instead of holding up the run.
 */
import { request as httpRequest } from "node:http";
import type { SlackFake } from "../../test/slack-fake/index.ts";
import { eventCallback, signSlackRequest } from "../../test/support/slackDriver.ts";
import { type LatencySummary, summarize } from "../stats.ts";
import { waitUntil } from "../waitUntil.ts";

export interface ReadTarget {
  port: number;
  fake: SlackFake;
  signingSecret: string;
  userId: string;
  channelId: string;
  timeoutMs: number;
}

export interface ReadFigures {
  latency: LatencySummary;
  timeouts: number;
  failures: number;
}

export class ReadTimeout extends Error {}

// A fresh connection per request (agent: false): a pooled socket the bot's keep-alive timer closed would fail the read.
function post(target: ReadTarget, body: string, contentType: string): Promise<{ ok: boolean }> {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port: target.port,
        path: "/slack/events",
        method: "POST",
        agent: false,
        timeout: target.timeoutMs,
        headers: {
          "content-type": contentType,
          "content-length": Buffer.byteLength(body),
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": signSlackRequest(target.signingSecret, body, timestamp),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () =>
          resolve({ ok: (response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300 }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new ReadTimeout("read timed out")));
    request.on("error", reject);
    request.end(body);
  });
}

/** One signed post: whether the bot answered 2xx, or "timeout" past the target's deadline. */
async function postWithin(target: ReadTarget, body: string, contentType: string): Promise<"ok" | "failed" | "timeout"> {
  try {
    return (await post(target, body, contentType)).ok ? "ok" : "failed";
  } catch (error) {
    if (error instanceof ReadTimeout) return "timeout";
    throw error;
  }
}

/** `/incident <text>`: time from request written to the reply (the ack's body) read. */
export async function timeCommand(target: ReadTarget, text: string): Promise<number | "timeout" | "failed"> {
  const { fake } = target;
  const body = new URLSearchParams({
    token: "fake-verification-token",
    team_id: fake.teamId,
    team_domain: "fake-workspace",
    channel_id: target.channelId,
    channel_name: fake.channel(target.channelId)?.name ?? "directmessage",
    user_id: target.userId,
    user_name: fake.user(target.userId)?.name ?? target.userId,
    command: "/incident",
    text,
    api_app_id: fake.appId,
    is_enterprise_install: "false",
    response_url: fake.responseUrl(),
    trigger_id: fake.issueTriggerId({ userId: target.userId }),
  }).toString();
  const started = performance.now();
  const response = await postWithin(target, body, "application/x-www-form-urlencoded");
  if (response !== "ok") return response;
  return performance.now() - started;
}

/**
 * `app_home_opened`, enveloped as Slack sends it and posted as the commands are: time from posting to the view
 * published.
 */
export async function timeAppHome(target: ReadTarget): Promise<number | "timeout" | "failed"> {
  const { fake } = target;
  const body = JSON.stringify(eventCallback(fake, { type: "app_home_opened", user: target.userId, tab: "home" }));
  const before = fake.calls.length;
  const started = performance.now();
  const response = await postWithin(target, body, "application/json");
  if (response !== "ok") return response;
  const published = () => fake.calls.slice(before).some((call) => call.method === "views.publish");
  const seen = await waitUntil(published, target.timeoutMs);
  return seen ? performance.now() - started : "timeout";
}

/**
 * Runs of each read not counted: the first prepares its statements and reads its pages into SQLite's cache,
 * once in a bot's life, not once per request.
 */
export const WARM_UP_RUNS = 3;

/** Runs `one` `runs` times in a row after the warm-up and summarizes; after a timeout the rest are skipped (the bot is busy). */
export async function repeatRead(
  runs: number,
  one: () => Promise<number | "timeout" | "failed">,
): Promise<ReadFigures> {
  const samples: number[] = [];
  let timeouts = 0;
  let failures = 0;
  for (let run = 0; run < runs + WARM_UP_RUNS && timeouts === 0; run++) {
    const outcome = await one();
    if (run < WARM_UP_RUNS && typeof outcome === "number") continue;
    if (outcome === "timeout") timeouts += 1;
    else if (outcome === "failed") failures += 1;
    else samples.push(outcome);
  }
  return { latency: summarize(samples), timeouts, failures };
}
