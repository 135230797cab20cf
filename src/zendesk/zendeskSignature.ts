import { createHmac, timingSafeEqual } from "node:crypto";

/** How far the signature's timestamp may be from our clock, either way, as for Slack's requests. */
export const ZENDESK_SIGNATURE_WINDOW_MS = 5 * 60_000;

// https://developer.zendesk.com/documentation/webhooks/verifying/ — the timestamp header is ISO 8601 UTC
// ("2021-07-25T10:00:00Z"); anything else is refused rather than guessed at.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

export type SignatureCheck = "valid" | "unsigned" | "bad_timestamp" | "stale" | "mismatch";

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
}

/**
 * https://developer.zendesk.com/documentation/webhooks/verifying/ — signature = base64(HMAC-SHA256(secret,
 * timestamp + body)) over the raw body bytes, compared in constant time.
 */
export function checkZendeskSignature(secret: string, request: SignedRequest, now: number): SignatureCheck {
  const { signature, timestamp, body } = request;
  if (!signature || !timestamp) return "unsigned";
  const at = ISO_UTC.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(at)) return "bad_timestamp";
  if (Math.abs(now - at) > ZENDESK_SIGNATURE_WINDOW_MS) return "stale";
  const expected = Buffer.from(
    createHmac("sha256", secret)
      .update(Buffer.concat([Buffer.from(timestamp, "utf8"), body]))
      .digest("base64"),
  );
  const given = Buffer.from(signature, "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected) ? "valid" : "mismatch";
}
