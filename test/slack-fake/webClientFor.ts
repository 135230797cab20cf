/** Test helpers: a real @slack/web-api client pointed at the stand-in, and Slack's refusals unwrapped. */
import { type Logger, LogLevel, WebAPIPlatformError, WebClient, type WebClientOptions } from "@slack/web-api";
import type { SlackFake } from "./fake.ts";

const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** `token: null` sends no token at all; `options` adds to the client's settings (a `timeout`, say). */
export function webClientFor(
  fake: SlackFake,
  token: string | null = fake.botToken,
  options: WebClientOptions = {},
): WebClient {
  return new WebClient(token ?? undefined, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: silent,
    ...options,
  });
}

/** What a call failed with; fails the test if it succeeded. */
export async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

/** The body of an `ok: false` answer. */
export async function refusal(call: Promise<unknown>): Promise<WebAPIPlatformError["data"]> {
  const error = await rejection(call);
  if (error instanceof WebAPIPlatformError) return error.data;
  throw error;
}
