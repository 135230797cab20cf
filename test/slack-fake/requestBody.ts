/** Request bodies as Slack accepts them: form-encoded (what @slack/web-api sends), JSON, multipart, query strings. */
import type { IncomingMessage } from "node:http";
import { fail, isRecord } from "./args.ts";
import type { Args } from "./types.ts";

/** Arguments @slack/web-api JSON-encodes inside a form body; everything else stays a string. */
const STRUCTURED_ARGS = new Set(["blocks", "attachments", "view", "files", "metadata"]);

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function decodeStructured(key: string, value: string): unknown {
  if (!STRUCTURED_ARGS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function formArgs(params: URLSearchParams, into: Args): void {
  for (const [key, value] of params) into[key] = decodeStructured(key, value);
}

export interface ParsedArgs {
  args: Args;
  /** Slack reads a token from the body only in form and query encodings, never from JSON. */
  bodyToken?: string;
}

export function parseArgs(req: IncomingMessage, body: Buffer, query: URLSearchParams): ParsedArgs {
  const args: Args = {};
  formArgs(query, args);
  const type = mediaType(req);
  if (type === "application/json" && body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      return fail("invalid_json");
    }
    if (!isRecord(parsed)) fail("json_not_object");
    const { token: _ignored, ...rest } = parsed;
    Object.assign(args, rest);
    return { args };
  }
  if (type === "application/x-www-form-urlencoded") formArgs(new URLSearchParams(body.toString("utf8")), args);
  if (type === "multipart/form-data") {
    for (const part of multipartParts(req, body)) {
      if (part.filename === undefined) args[part.name] = decodeStructured(part.name, part.content.toString("utf8"));
    }
  }
  const token = typeof args.token === "string" ? args.token : undefined;
  delete args.token;
  return { args, bodyToken: token };
}

export interface MultipartPart {
  name: string;
  filename?: string;
  content: Buffer;
}

/** Enough of RFC 7578 for fetch's FormData: parts split on the boundary, headers then content. */
export function multipartParts(req: IncomingMessage, body: Buffer): MultipartPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(req.headers["content-type"] ?? "")?.[1];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const raw = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = raw.indexOf("\r\n\r\n");
    if (headerEnd >= 0) {
      const headers = raw.subarray(0, headerEnd).toString("utf8");
      const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? "";
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      parts.push({ name, filename, content: raw.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}
