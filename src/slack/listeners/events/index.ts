import type { App } from "@slack/bolt";
import { handleSlackEventOnce } from "../../../flows/slackRequests/handleSlackEventOnce.ts";
import type { SlackDeps } from "../../slackDeps.ts";
import { publishHome } from "./publishHome.ts";

export function registerEvents(app: App, deps: SlackDeps): void {
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
