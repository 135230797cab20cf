import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { type App, HTTPModuleFunctions, type HTTPReceiver, type ReceiverEvent } from "@slack/bolt";
import type { FlowDeps } from "../flows/deps.ts";
import { SlackSignatureLedger } from "../flows/slackRequests/recordSlackSignature.ts";
import type { RequestSurface } from "../operations/deskMetrics.ts";
import {
  type Refusal,
  readBoundedBody,
  refuse,
  SLACK_BODY_LIMIT_BYTES,
  SLACK_REQUEST_WINDOW_MS,
  verifySlackSignature,
} from "./requestGuard.ts";
import type { SlackDeps } from "./slackDeps.ts";
import { parseSlackRequest, type SlackRequest } from "./slackRequestShape.ts";

interface GuardTarget {
  app: App;
  deps: SlackDeps;
  signingSecret: string;
  path: string;
}

function answer(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status);
    res.end();
  } else {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
}

function refuseRequest(target: GuardTarget, res: ServerResponse, refusal: Refusal): void {
  target.deps.log.info({ status: refusal.status, reason: refusal.reason }, "Slack request refused");
  // A body past the limit is not read on: close the connection rather than drain it.
  if (refusal.status === 413) res.setHeader("connection", "close");
  answer(res, refusal.status);
}

function retryNumOf(req: IncomingMessage): number | undefined {
  const header = req.headers["x-slack-retry-num"];
  return typeof header === "string" && /^\d{1,3}$/.test(header) ? Number(header) : undefined;
}

/** Runs Bolt's listeners; false when one failed (the app's error handler has logged it and rethrown). */
export async function processedWithoutError(app: App, event: ReceiverEvent, log: FlowDeps["log"]): Promise<boolean> {
  try {
    await app.processEvent(event);
    return true;
  } catch (error) {
    log.warn({ err: error }, "Slack request failed in a listener");
    return false;
  }
}

async function dispatch(target: GuardTarget, request: SlackRequest, req: IncomingMessage, res: ServerResponse) {
  const retry = { retryNum: retryNumOf(req), retryReason: req.headers["x-slack-retry-reason"]?.toString() };
  switch (request.kind) {
    case "url_verification":
      return answer(res, 200, { challenge: request.challenge });
    case "notice":
      return answer(res, 200);
    case "event": {
      // Answer only once handled: Slack retries any non-2xx answer (https://api.slack.com/apis/events-api#retries).
      const ok = await processedWithoutError(
        target.app,
        { body: request.body, ack: async () => {}, ...retry },
        target.deps.log,
      );
      return answer(res, ok ? 200 : 500);
    }
    default: {
      const ack = async (response?: unknown) => HTTPModuleFunctions.buildContentResponse(res, response);
      const ok = await processedWithoutError(target.app, { body: request.body, ack, ...retry }, target.deps.log);
      // No listener acknowledged: an interaction the bot has no listener for still needs Slack's 200.
      return answer(res, ok ? 200 : 500);
    }
  }
}

// Interactivity payload types (https://api.slack.com/reference/interaction-payloads) by the surface they are timed under.
const INTERACTION_SURFACES: Readonly<Record<string, RequestSurface>> = {
  block_actions: "action",
  view_submission: "view_submission",
  view_closed: "view_closed",
  block_suggestion: "options",
};

function surfaceOf(request: SlackRequest): RequestSurface | undefined {
  if (request.kind === "command" || request.kind === "event") return request.kind;
  if (request.kind === "interaction") return INTERACTION_SURFACES[String(request.body.type)];
  return undefined;
}

async function guardSlackRequest(
  target: GuardTarget,
  signatures: SlackSignatureLedger,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { deps } = target;
  const receivedAt = performance.now();
  const rawBody = await readBoundedBody(req, SLACK_BODY_LIMIT_BYTES);
  if (rawBody === undefined) return refuseRequest(target, res, refuse(413, "body over the size limit"));
  const now = deps.clock.now();
  const verified = verifySlackSignature(req.headers, rawBody, target.signingSecret, now);
  if (verified.kind === "refused") return refuseRequest(target, res, verified);
  const request = parseSlackRequest(req.headers["content-type"], rawBody);
  if (request.kind === "refused") return refuseRequest(target, res, request);
  const expiresAt = verified.timestampMs + SLACK_REQUEST_WINDOW_MS;
  const firstSeen = signatures.record(verified.signature, expiresAt, now);
  // Slack's retry may carry the first attempt's signature; the event_id check keeps it from acting twice.
  const slackRetry = request.kind === "event" && req.headers["x-slack-retry-num"] !== undefined;
  if (!firstSeen && !slackRetry) return refuseRequest(target, res, refuse(401, "replayed signature"));
  const surface = surfaceOf(request);
  // Timed until the answer is sent, which is what Slack's 3 seconds measure; a listener may work on after its ack.
  if (surface) res.once("finish", () => deps.metrics.requestAnswered(surface, performance.now() - receivedAt));
  await dispatch(target, request, req, res);
}

function isSlackEndpoint(req: IncomingMessage, path: string): boolean | undefined {
  if (!URL.canParse(req.url ?? "", "http://localhost")) return undefined;
  return req.method === "POST" && new URL(req.url ?? "", "http://localhost").pathname === path;
}

/**
 * Puts the guard in front of Bolt's HTTP receiver: every POST to the Slack endpoint is size-limited, verified
 * (signature, timestamp both ways, replay) and parsed here, so Bolt sees only the shapes Slack sends.
 */
export function guardSlackEndpoint(receiver: HTTPReceiver, target: GuardTarget): void {
  const boltListener: RequestListener = receiver.requestListener;
  const signatures = new SlackSignatureLedger(target.deps);
  receiver.requestListener = (req, res) => {
    const slackEndpoint = isSlackEndpoint(req, target.path);
    if (slackEndpoint === undefined) return answer(res, 400);
    if (!slackEndpoint) return boltListener(req, res);
    guardSlackRequest(target, signatures, req, res).catch((error: unknown) => {
      target.deps.log.error({ err: error }, "Slack request could not be handled");
      answer(res, 500);
    });
  };
}
