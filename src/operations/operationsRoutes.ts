import type { ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import type { FlowDeps } from "../flows/deps.ts";
import type { DeskMetrics } from "./deskMetrics.ts";
import type { Readiness } from "./readiness.ts";

function answerOrLog(log: FlowDeps["log"], res: ServerResponse, what: string, work: () => Promise<void>): void {
  work().catch((error: unknown) => {
    log.error({ err: error, route: what }, "operations route failed");
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
}

/**
 * `/readyz` and `/metrics`, served beside `/healthz`. /metrics carries no personal data (counts by status,
 * severity, Slack method and error code; timings), so like /healthz it needs no credentials: the proxy in front
 * forwards only /slack/events from the internet, and the scraper reaches the port from inside.
 */
export function operationsRoutes(readiness: Readiness, metrics: DeskMetrics, deps: FlowDeps): CustomRoute[] {
  const { log } = deps;
  return [
    {
      path: "/readyz",
      method: ["GET"],
      handler: (_req, res) =>
        answerOrLog(log, res, "/readyz", async () => {
          const report = await readiness.check();
          res.writeHead(report.ready ? 200 : 503, { "content-type": "application/json" });
          res.end(JSON.stringify(report));
        }),
    },
    {
      path: "/metrics",
      method: ["GET"],
      handler: (_req, res) =>
        answerOrLog(log, res, "/metrics", async () => {
          const { contentType, text } = await metrics.scrape(deps);
          res.writeHead(200, { "content-type": contentType });
          res.end(text);
        }),
    },
  ];
}
