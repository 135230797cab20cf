import { recordSlackEventHandled, slackEventHandled } from "../../store/slackEvents.ts";
import type { FlowDeps } from "../deps.ts";

/**
 * Runs the handling of an Events API delivery once per event id. Slack redelivers an event until one
 * delivery is answered 2xx: the id is recorded only once `handle` succeeded, so a failed attempt throws
 * on (the receiver answers non-2xx) and Slack's retry runs it again.
 */
export async function handleSlackEventOnce(
  deps: FlowDeps,
  eventId: string,
  handle: () => Promise<void>,
): Promise<void> {
  if (slackEventHandled(deps.db, eventId)) {
    deps.log.info({ eventId }, "duplicate Slack event delivery ignored");
    return;
  }
  await handle();
  if (!recordSlackEventHandled(deps.db, eventId, deps.clock.now())) {
    deps.log.info({ eventId }, "Slack event handled by two concurrent deliveries");
  }
}
