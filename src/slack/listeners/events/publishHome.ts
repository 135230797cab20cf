import { loadHomeData } from "../../../flows/home/loadHomeData.ts";
import type { SlackDeps } from "../../slackDeps.ts";
import { buildHomeView } from "../../views/homeView.ts";

/**
 * Renders and publishes one user's App Home. The view goes as the JSON string Slack takes it as
 * (docs.slack.dev/reference/methods/views.publish: "a JSON-encoded string"), the very bytes the client would send
 * for the object: @slack/web-api deep-copies and stringifies an object argument for a debug line at every log
 * level, which for a home of a few dozen blocks cost more than building it.
 */
export async function publishHome(deps: SlackDeps, userId: string): Promise<void> {
  const view = JSON.stringify(buildHomeView(loadHomeData(deps, userId)));
  await deps.slack.apiCall("views.publish", { user_id: userId, view });
}
