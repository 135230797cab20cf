import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

/** https://api.slack.com/authentication/verifying-requests-from-slack: refuse timestamps more than 5 minutes off. */
export const SLACK_REQUEST_WINDOW_MS = 5 * 60_000;

/** A 100-block view of 3,000-character fields, percent-encoded in a form, is ~1.2 MB: 4 MiB leaves headroom. */
export const SLACK_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** Why a request is answered with a 4xx before Bolt sees it; the reason is logged, never the body. */
export interface Refusal {
  kind: "refused";
  status: 400 | 401 | 413 | 415;
  reason: string;
}

export const refuse = (status: Refusal["status"], reason: string): Refusal => ({ kind: "refused", status, reason });

/** The raw body, or undefined once it passes `limit` bytes (the rest is drained unread, not buffered). */
export function readBoundedBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers["content-length"]) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      req.resume();
      resolve(undefined);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

export interface VerifiedSignature {
  kind: "verified";
  signature: string;
  /** The request timestamp, in milliseconds. */
  timestampMs: number;
}

function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * `X-Slack-Signature` must be `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{raw body}`), compared in constant
 * time, and the timestamp within 5 minutes of `now` in either direction (Bolt refuses only old ones).
 */
export function verifySlackSignature(
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  signingSecret: string,
  now: number,
): VerifiedSignature | Refusal {
  const timestamp = singleHeader(headers, "x-slack-request-timestamp");
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) {
    return refuse(401, "missing or malformed request timestamp");
  }
  const timestampMs = Number(timestamp) * 1000;
  if (Math.abs(now - timestampMs) > SLACK_REQUEST_WINDOW_MS) {
    return refuse(401, "request timestamp more than 5 minutes off");
  }
  const signature = singleHeader(headers, "x-slack-signature");
  if (signature === undefined || !/^v0=[0-9a-f]{64}$/.test(signature)) {
    return refuse(401, "missing or malformed signature");
  }
  const expected = createHmac("sha256", signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature.slice(3), "hex"))) {
    return refuse(401, "signature does not match");
  }
  return { kind: "verified", signature, timestampMs };
}
