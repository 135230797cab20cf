import type { FlowDeps } from "../../../flows/deps.ts";
import { loadHomeData } from "../../../flows/home/loadHomeData.ts";
import { buildHomeView } from "../../views/homeView.ts";

/** Renders and publishes one user's App Home. */
export async function publishHome(deps: FlowDeps, userId: string): Promise<void> {
  await deps.slack.views.publish({ user_id: userId, view: buildHomeView(loadHomeData(deps, userId)) });
}
