import type { App } from "@slack/bolt";
import { publishHomeLater } from "../../../flows/home/publishHomeLater.ts";
import { handleSlackEventOnce } from "../../../flows/slackRequests/handleSlackEventOnce.ts";
import { classifyFailure } from "../../../scheduler/slackFailure.ts";
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
    try {
      await publishHome(deps, event.user);
    } catch (error) {
      // A 429 is waited out by a job, as Slack asks: its redelivery of the event would come at once and be
      // refused again. Other failures fail the event, and Slack's redelivery is the retry.
      const failure = classifyFailure(error);
      if (failure.kind !== "rate_limited") throw error;
      const queued = publishHomeLater(deps, event.user, failure.retryAfterMs);
      deps.log.info({ retryAfterMs: failure.retryAfterMs, queued }, "App Home rate-limited; published later");
    }
  });
}
