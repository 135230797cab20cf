import type { App, SocketModeReceiver } from "@slack/bolt";
import type { FlowDeps } from "../flows/deps.ts";
import { processedWithoutError } from "./guardedReceiver.ts";
import { type Refusal, refuse } from "./requestGuard.ts";
import { checkCommand, checkEvent, checkInteraction } from "./slackRequestShape.ts";

/** What @slack/socket-mode emits as `slack_event` for each envelope (its SocketModeClient.onWebSocketMessage). */
interface SocketModeEnvelope {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  type: string;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
}

/** The HTTP guard's shape checks, by envelope type: listeners see only what Slack sends on either transport. */
function shapeRefusal(envelope: SocketModeEnvelope): Refusal | undefined {
  if (envelope.type === "slash_commands") return checkCommand(envelope.body);
  if (envelope.type === "interactive") return checkInteraction(envelope.body);
  if (envelope.type === "events_api") return checkEvent(envelope.body);
  return refuse(400, "envelope of a type Socket Mode does not send");
}

/** Acks an envelope as the HTTP guard answers a request: once handled, and empty if no listener answered. */
async function answerEnvelope(app: App, deps: FlowDeps, envelope: SocketModeEnvelope): Promise<void> {
  const refusal = shapeRefusal(envelope);
  if (refusal) {
    // Acked all the same: Slack would only redeliver what will never pass.
    deps.log.info({ type: envelope.type, reason: refusal.reason }, "Socket Mode envelope refused");
    return envelope.ack();
  }
  let acked = false;
  const ackOnce = async (response?: unknown) => {
    if (acked) return;
    acked = true;
    await envelope.ack(response as Record<string, unknown> | undefined);
  };
  // Bolt acks an event before its listeners; held back here, a failed one goes unacked and Slack redelivers it.
  const isEvent = envelope.type === "events_api";
  const ok = await processedWithoutError(
    app,
    {
      body: envelope.body,
      ack: isEvent ? async () => {} : ackOnce,
      retryNum: envelope.retry_num,
      retryReason: envelope.retry_reason,
    },
    deps.log,
  );
  // An interaction no listener acknowledged (a link button, a retired action id) still needs Slack's ack.
  if (ok) await ackOnce();
}

/**
 * Puts the HTTP guard's answering rules in front of Bolt's Socket Mode receiver: an event is acked only once
 * handled without error, and an envelope no listener acked is acked empty, so both transports answer alike.
 */
export function guardSocketMode(receiver: SocketModeReceiver, target: { app: App; deps: FlowDeps }): void {
  receiver.client.removeAllListeners("slack_event");
  receiver.client.on("slack_event", (envelope: SocketModeEnvelope) => {
    answerEnvelope(target.app, target.deps, envelope).catch((error: unknown) => {
      // The ack went nowhere (the connection closed): Slack redelivers the envelope on the next connection.
      target.deps.log.warn({ err: error, type: envelope.type }, "Socket Mode envelope could not be acknowledged");
    });
  });
}
