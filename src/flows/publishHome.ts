import { buildHomeView } from "../slack/views/homeView.ts";
import { openCaseCountsBySeverity, openCasesOfUser } from "../store/cases.ts";
import type { FlowDeps } from "./deps.ts";

const HOME_CASES = 20;

/** Renders and publishes one user's App Home. */
export async function publishHome(deps: FlowDeps, userId: string): Promise<void> {
  const view = buildHomeView({
    mine: openCasesOfUser(deps.db, userId, HOME_CASES),
    queue: openCaseCountsBySeverity(deps.db),
    now: deps.clock.now(),
  });
  await deps.slack.views.publish({ user_id: userId, view });
}
