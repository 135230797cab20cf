import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { publishHome } from "../../../flows/publishHome.ts";
import { markSlackEventProcessed } from "../../../store/slackEvents.ts";

export function registerEvents(app: App, deps: FlowDeps): void {
  // Slack redelivers an event it thinks we missed; the first delivery to be recorded wins.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && !markSlackEventProcessed(deps.db, eventId, deps.clock.now())) {
      deps.log.info({ eventId }, "duplicate Slack event delivery ignored");
      return;
    }
    await next();
  });

  app.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    await publishHome(deps, event.user);
  });
}
