/**
 * The driver's interactions over Socket Mode: the same payloads as slackDriver.ts, each sent as an envelope
 * on the WebSocket the bot opened to the stand-in, answered by the bot's ack instead of an HTTP response.
 */
import type { SlackFake } from "../slack-fake/index.ts";
import type { EnvelopeType } from "../slack-fake/socketMode.ts";
import { createDriverOver, type DriverResponse, type SlackDriver } from "./slackDriver.ts";

/** An ack is `{ envelope_id, payload }`; an empty payload is the empty HTTP 200 it stands for. */
function asResponse(ackPayload: unknown): DriverResponse {
  const empty = typeof ackPayload === "object" && ackPayload !== null && Object.keys(ackPayload).length === 0;
  return { status: 200, body: empty ? "" : ackPayload };
}

export function createSocketModeDriver(options: { fake: SlackFake; now?: () => number }): SlackDriver {
  const link = options.fake.socketMode;
  const send = async (type: EnvelopeType, payload: Record<string, unknown>) =>
    asResponse(await link.deliver(type, payload));
  return createDriverOver(
    {
      command: (fields) => send("slash_commands", fields),
      interaction: (payload) => send("interactive", payload),
      event: async (body, retryNum) =>
        asResponse(
          await link.deliver(
            "events_api",
            body,
            retryNum === undefined ? {} : { retryAttempt: retryNum, retryReason: "timeout" },
          ),
        ),
      raw: () => Promise.reject(new Error("raw() posts HTTP bodies; Socket Mode carries no HTTP request")),
    },
    options,
  );
}
