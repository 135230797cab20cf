import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { publishHome } from "../../../flows/publishHome.ts";
import { recordSlackEventHandled, slackEventHandled } from "../../../store/slackEvents.ts";

export function registerEvents(app: App, deps: FlowDeps): void {
  // Slack redelivers an event until one delivery is answered 2xx: record it only once its handling succeeded,
  // so a failed attempt throws on (the receiver answers non-2xx) and Slack's retry runs it again.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== "string") return next();
    if (slackEventHandled(deps.db, eventId)) {
      deps.log.info({ eventId }, "duplicate Slack event delivery ignored");
      return;
    }
    await next();
    if (!recordSlackEventHandled(deps.db, eventId, deps.clock.now())) {
      deps.log.info({ eventId }, "Slack event handled by two concurrent deliveries");
    }
  });

  app.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    await publishHome(deps, event.user);
  });
}
