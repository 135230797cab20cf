import type { WebClient } from "@slack/web-api";
import type { FlowDeps } from "../flows/deps.ts";
import type { DeskMetrics } from "../operations/deskMetrics.ts";

/** What the Slack side works with: the flows' dependencies and the Web API client, which flows never see. */
export interface SlackDeps extends FlowDeps {
  slack: WebClient;
  /** What the Slack side counts and times for /metrics. */
  metrics: DeskMetrics;
}
