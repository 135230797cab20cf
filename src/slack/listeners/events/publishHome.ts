import { loadHomeData } from "../../../flows/home/loadHomeData.ts";
import type { SlackDeps } from "../../slackDeps.ts";
import { buildHomeView } from "../../views/homeView.ts";

/** Renders and publishes one user's App Home. */
export async function publishHome(deps: SlackDeps, userId: string): Promise<void> {
  await deps.slack.views.publish({ user_id: userId, view: buildHomeView(loadHomeData(deps, userId)) });
}
