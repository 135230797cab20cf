import type { ServerResponse } from "node:http";
import { App, type CustomRoute, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import { checkHealth } from "../flows/slackRequests/checkHealth.ts";
import { boltLogger } from "./boltLogger.ts";
import { LISTENER_SLACK_CALL_TIMEOUT_MS } from "./callTimeouts.ts";
import { guardSlackEndpoint } from "./guardedReceiver.ts";
import { guardSocketMode } from "./guardedSocketMode.ts";
import { registerActions } from "./listeners/actions/index.ts";
import { registerCaseForms } from "./listeners/caseForms/index.ts";
import { registerCommands } from "./listeners/commands/index.ts";
import { registerEvents } from "./listeners/events/index.ts";
import { registerViews } from "./listeners/views/index.ts";
import type { SlackDeps } from "./slackDeps.ts";

export const SLACK_EVENTS_PATH = "/slack/events";

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** The Bolt app: one request URL for commands, interactivity and events, plus /healthz and the routes given. */
export function createSlackApp(deps: SlackDeps, identity: { botId: string }, extraRoutes: CustomRoute[] = []): App {
  const { config } = deps;
  // The bot's identity comes from the auth.test that start-up awaits: given both ids, Bolt makes no call of
  // its own in the background, where a failure would surface as an unhandled rejection instead of at start.
  const bot = { botId: identity.botId, botUserId: deps.botUserId };
  const logger = boltLogger(deps.log);
  const customRoutes: CustomRoute[] = [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req, res) => (checkHealth(deps) ? json(res, 200, { ok: true }) : json(res, 503, { ok: false })),
    },
    ...extraRoutes,
  ];
  // Listener calls answer a person within Slack's 3 seconds (a trigger_id dies then): fail fast, never queue.
  // On a 429 the client would otherwise sleep Retry-After and pause every call, then throw a bare Error.
  const clientOptions = {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    fetch: deps.metrics.slackFetch,
    timeout: LISTENER_SLACK_CALL_TIMEOUT_MS,
  };
  const receiver = config.slack.appToken
    ? new SocketModeReceiver({
        appToken: config.slack.appToken,
        customRoutes,
        // Its own client for apps.connections.open, with the SDK's retries: the listeners' fail-fast options would
        // end the bot's connection for good at one failed reconnect.
        installerOptions: { port: config.http.port, clientOptions: { slackApiUrl: config.slack.apiUrl } },
        logger,
      })
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret ?? "",
        endpoints: SLACK_EVENTS_PATH,
        customRoutes,
        logger,
      });
  const app = new App({ token: config.slack.botToken, receiver, ...bot, clientOptions, logger });
  if (receiver instanceof HTTPReceiver) {
    const signingSecret = config.slack.signingSecret ?? "";
    guardSlackEndpoint(receiver, { app, deps, signingSecret, path: SLACK_EVENTS_PATH });
  } else {
    guardSocketMode(receiver, { app, deps });
  }

  registerCommands(app, deps);
  registerViews(app, deps);
  registerActions(app, deps);
  registerCaseForms(app, deps);
  registerEvents(app, deps);
  // Rethrown so the receiver knows the request failed: an event is then answered non-2xx and Slack retries it.
  app.error(async (error) => {
    deps.log.error({ err: error, code: error.code }, "unhandled Slack listener error");
    throw error;
  });
  return app;
}
