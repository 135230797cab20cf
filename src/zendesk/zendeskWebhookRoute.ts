import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import type { FlowDeps } from "../flows/deps.ts";
import { receiveZendeskEvent } from "../flows/zendesk/receiveZendeskEvent.ts";
import { checkZendeskSignature } from "./zendeskSignature.ts";
import { parseZendeskWebhook } from "./zendeskWebhookPayload.ts";

export const ZENDESK_WEBHOOK_PATH = "/webhooks/zendesk";
/** A ticket event is a few KB; anything past this is refused before it is read whole. */
export const ZENDESK_BODY_LIMIT_BYTES = 256 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

async function handle(deps: FlowDeps, secret: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { log } = deps;
  const refuse = (status: number, reason: string, ticketId: string | null = null) => {
    // Ticket id and reason only: the subject, description and requester stay out of the logs.
    log.warn({ status, reason, ticketId }, "zendesk webhook refused");
    answer(res, status, { ok: false, error: reason });
  };
  let body: Buffer;
  try {
    body = await readBody(req, ZENDESK_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) return refuse(413, `body over ${ZENDESK_BODY_LIMIT_BYTES} bytes`);
    throw error;
  }
  const signed = {
    signature: header(req, "x-zendesk-webhook-signature"),
    timestamp: header(req, "x-zendesk-webhook-signature-timestamp"),
    body,
  };
  const check = checkZendeskSignature(secret, signed, deps.clock.now());
  if (check !== "valid") return refuse(401, `signature ${check}`);
  if (!/^application\/json\s*(;|$)/i.test(header(req, "content-type") ?? ""))
    return refuse(415, "content-type must be application/json");

  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    // The parser's message quotes the body: the reason says only that it is not JSON.
    return refuse(400, "body is not valid JSON");
  }
  const parsed = parseZendeskWebhook(json);
  if (parsed.kind === "invalid") return refuse(400, parsed.reason, parsed.ticketId);
  if (parsed.kind === "not_handled") {
    log.info({ ticketId: parsed.ticketId, eventType: parsed.eventType }, "zendesk event type not handled");
    return answer(res, 200, { ok: true, outcome: "not_handled" });
  }
  const { event } = parsed;
  const result = receiveZendeskEvent(deps, event);
  log.info(
    { ticketId: event.ticket.id, eventId: event.eventId, change: event.change.type, ...result },
    "zendesk event received",
  );
  answer(res, 200, { ok: true, ...result });
}

/** `POST /webhooks/zendesk`, served only when ZENDESK_WEBHOOK_SECRET is set (else the path is a 404). */
export function zendeskRoutes(deps: FlowDeps): CustomRoute[] {
  const secret = deps.config.zendeskWebhookSecret;
  if (!secret) return [];
  return [
    {
      path: ZENDESK_WEBHOOK_PATH,
      method: ["POST"],
      handler: (req, res) => {
        handle(deps, secret, req, res).catch((error: unknown) => {
          // The transaction rolled back and the delivery is not recorded, so a redelivery is handled in full.
          deps.log.error({ err: error, route: ZENDESK_WEBHOOK_PATH }, "zendesk webhook failed");
          if (!res.headersSent) answer(res, 500, { ok: false, error: "internal error" });
          else res.end();
        });
      },
    },
  ];
}
