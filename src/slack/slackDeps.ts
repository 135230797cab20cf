import type { WebClient } from "@slack/web-api";
import type { FlowDeps } from "../flows/deps.ts";

/** What the Slack side works with: the flows' dependencies and the Web API client, which flows never see. */
export interface SlackDeps extends FlowDeps {
  slack: WebClient;
}
