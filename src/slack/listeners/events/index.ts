import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { handleSlackEventOnce } from "../../../flows/slackRequests/handleSlackEventOnce.ts";
import { publishHome } from "./publishHome.ts";

export function registerEvents(app: App, deps: FlowDeps): void {
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== "string") return next();
    await handleSlackEventOnce(deps, eventId, next);
  });

  app.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    await publishHome(deps, event.user);
  });
}
