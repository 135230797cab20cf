/** The HTTP face of the stand-in: Web API calls with auth, faults and rate limits, plus uploads, downloads and response URLs. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { SlackApiError } from "./args.ts";
import { FaultQueue } from "./faults.ts";
import { METHODS } from "./methods/index.ts";
import { RateLimiter } from "./rateLimiter.ts";
import { mediaType, multipartParts, type ParsedArgs, parseArgs, readBody } from "./requestBody.ts";
import { answerResponseUrlPost } from "./responseUrls.ts";
import { missingScope } from "./scopes.ts";
import type { FakeState } from "./state.ts";
import type { Args, RecordedCall } from "./types.ts";

/** A Web API answer: always a JSON object with `ok`. */
interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

interface Outgoing {
  status: number;
  body: string | Buffer;
  headers: Record<string, string>;
}

/** The name `inject` takes for the file host that serves url_private, which is no Web API method. */
export const FILE_HOST = "files-pri";

const NOT_FOUND: Outgoing = { status: 404, body: "not found", headers: { "content-type": "text/plain" } };
const SIGN_IN_PAGE = "<!DOCTYPE html><html><body>Sign in to Fake Workspace</body></html>";

function asJson(reply: Reply): Outgoing {
  const headers = { "content-type": "application/json; charset=utf-8", ...reply.headers };
  return { status: reply.status, body: JSON.stringify(reply.body), headers };
}

function refusal(error: string, extra: Record<string, unknown> = {}, status = 200): Reply {
  return { status, body: { ok: false, error, ...extra } };
}

function rateLimited(retryAfter: number): Reply {
  return { ...refusal("ratelimited", {}, 429), headers: { "retry-after": String(retryAfter) } };
}

/** Methods called with the app-level token (xapp-…) rather than the bot token. */
const APP_LEVEL_METHODS: ReadonlySet<string> = new Set(["apps.connections.open"]);

function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
}

export class FakeServer {
  readonly calls: RecordedCall[] = [];
  /** Calls received and not yet answered, by method: what a test kills the caller in the middle of. */
  readonly unanswered = new Map<string, number>();
  readonly faults = new FaultQueue();
  /** Every request for a url_private, with the wall time it was answered (a held one, after its stall). */
  readonly downloads: Array<{ path: string; at: number; status?: number }> = [];
  readonly rateLimits: RateLimiter;

  constructor(
    private readonly state: FakeState,
    options: { rateLimits: boolean },
  ) {
    this.rateLimits = new RateLimiter({ tierDefaults: options.rateLimits });
  }

  /** A bug in the stand-in answers 500 with its stack, so the test fails where it happened. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let out: Outgoing;
    try {
      out = await this.route(req);
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`slack-fake: ${req.method} ${req.url} failed`, detail);
      out = { status: 500, body: `slack-fake internal error: ${detail}`, headers: { "content-type": "text/plain" } };
    }
    res.writeHead(out.status, { "content-length": String(Buffer.byteLength(out.body)), ...out.headers });
    res.end(out.body);
  };

  private async route(req: IncomingMessage): Promise<Outgoing> {
    const url = new URL(req.url ?? "/", this.state.config.origin);
    const body = await readBody(req);
    const path = url.pathname;
    if (path.startsWith("/api/")) return asJson(await this.apiCall(req, path.slice(5), body, url.searchParams));
    if (req.method === "POST" && path.startsWith("/upload/v1/")) return this.upload(req, path, body);
    if (req.method === "GET" && path.startsWith("/files-pri/")) return this.faultyDownload(req, path);
    if (req.method === "GET" && path === "/")
      return { status: 200, body: SIGN_IN_PAGE, headers: { "content-type": "text/html" } };
    if (req.method === "POST" && this.state.responseUrls.has(`${this.state.config.origin}${path}`)) {
      return this.responseUrlPost(req, `${this.state.config.origin}${path}`, body);
    }
    return NOT_FOUND;
  }

  private async apiCall(req: IncomingMessage, method: string, body: Buffer, query: URLSearchParams): Promise<Reply> {
    let parsed: ParsedArgs | undefined;
    let reply: Reply;
    const at = this.state.now();
    try {
      parsed = parseArgs(req, body, query);
      this.unanswered.set(method, (this.unanswered.get(method) ?? 0) + 1);
      reply = await this.dispatch(req, method, parsed).finally(() =>
        this.unanswered.set(method, (this.unanswered.get(method) ?? 1) - 1),
      );
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      reply = refusal(error.code, error.extra);
    }
    const args: Args = parsed?.args ?? {};
    const error = typeof reply.body.error === "string" ? reply.body.error : undefined;
    this.calls.push({
      method,
      at,
      args,
      ok: reply.body.ok === true,
      ...(error ? { error } : {}),
      status: reply.status,
    });
    return reply;
  }

  /** Slack's order: the method must exist, the token must be right and hold the scope; then trouble, if any was asked for. */
  private async dispatch(req: IncomingMessage, method: string, parsed: ParsedArgs): Promise<Reply> {
    const handler = METHODS[method];
    if (!handler) return refusal("unknown_method", { req_method: method }, 404);
    const appLevel = APP_LEVEL_METHODS.has(method);
    // The app-level token goes in the Authorization header only; "passing it as a POST parameter will result in
    // an error" (docs.slack.dev/reference/methods/apps.connections.open); stricter reading: as if no token came.
    const token = appLevel ? bearer(req) : (bearer(req) ?? parsed.bodyToken);
    if (token === undefined) return refusal("not_authed");
    const { botToken, appToken, scopes, appScopes } = this.state.config;
    // Each token opens only its own methods: docs.slack.dev/reference/methods/apps.connections.open
    // ("not_allowed_token_type"); stricter reading: an app-level token is refused by every bot method too.
    if (token !== (appLevel ? appToken : botToken)) {
      return refusal(token === (appLevel ? botToken : appToken) ? "not_allowed_token_type" : "invalid_auth");
    }
    const scopeProblem = missingScope(this.state, appLevel ? appScopes : scopes, method, parsed.args);
    if (scopeProblem) return refusal("missing_scope", scopeProblem);

    const fault = this.faults.take(method);
    if (fault?.delayMs) await delay(fault.delayMs);
    const trouble = (): Reply | undefined => {
      if (fault?.status === 429) return rateLimited(fault.retryAfter ?? 1);
      if (fault?.status) return refusal(fault.error ?? "internal_error", {}, fault.status);
      if (fault?.error) return refusal(fault.error);
      return undefined;
    };
    const before = fault?.afterEffect ? undefined : trouble();
    if (before) return before;

    const channel = typeof parsed.args.channel === "string" ? parsed.args.channel : undefined;
    const retryAfter = this.rateLimits.retryAfter({ method, now: this.state.now(), channel });
    if (retryAfter !== undefined) return rateLimited(retryAfter);
    const done: Reply = { status: 200, body: { ok: true, ...handler(this.state, parsed.args) } };
    return (fault?.afterEffect ? trouble() : undefined) ?? done;
  }

  /** The upload URL takes the raw bytes, or a multipart form (what @slack/web-api's uploadV2 posts). */
  private upload(req: IncomingMessage, path: string, body: Buffer): Outgoing {
    const fileId = path.split("/")[3] ?? "";
    const stored = this.state.files.get(fileId);
    if (!stored || stored.completed) return NOT_FOUND;
    const parts = mediaType(req) === "multipart/form-data" ? multipartParts(req, body) : [];
    const content = parts.find((part) => part.filename !== undefined)?.content ?? parts[0]?.content ?? body;
    // The URL was asked for `length` bytes, and Slack answers 200 only to a good upload
    // (docs.slack.dev/reference/methods/files.getUploadURLExternal); stricter reading: the file is then gone.
    if (stored.expectedBytes !== undefined && content.length !== stored.expectedBytes) {
      this.state.files.delete(fileId);
      const message = `expected ${stored.expectedBytes} bytes, got ${content.length}`;
      return { status: 400, body: message, headers: { "content-type": "text/plain" } };
    }
    stored.content = Buffer.from(content);
    stored.file.size = content.length;
    return { status: 200, body: `OK - ${content.length}`, headers: { "content-type": "text/plain" } };
  }

  /** Trouble asked of the file host (`inject(FILE_HOST, …)`): a stall, then maybe an HTTP error. */
  private async faultyDownload(req: IncomingMessage, path: string): Promise<Outgoing> {
    const fault = this.faults.take(FILE_HOST);
    if (fault?.delayMs) await delay(fault.delayMs);
    this.downloads.push({ path, at: Date.now(), ...(fault?.status ? { status: fault.status } : {}) });
    if (fault?.status)
      return { status: fault.status, body: "file host trouble", headers: { "content-type": "text/plain" } };
    return this.download(req, path);
  }

  /** url_private needs the bot token; without it Slack redirects to its sign-in page, which answers 200 HTML. */
  private download(req: IncomingMessage, path: string): Outgoing {
    const owner = path.split("/")[2] ?? "";
    // A token opens only its own workspace's files (files:read, https://api.slack.com/types/file): another's signs in.
    if (bearer(req) !== this.state.config.botToken || !owner.startsWith(`${this.state.config.teamId}-`)) {
      const location = `${this.state.config.origin}/?redir=${encodeURIComponent(path)}`;
      return { status: 302, body: "", headers: { location } };
    }
    const fileId = owner.slice(this.state.config.teamId.length + 1);
    const stored = this.state.files.get(fileId);
    if (!stored?.content || !stored.completed) return NOT_FOUND;
    return { status: 200, body: stored.content, headers: { "content-type": stored.file.mimetype } };
  }

  private responseUrlPost(req: IncomingMessage, url: string, body: Buffer): Outgoing {
    const issued = this.state.responseUrls.get(url);
    if (!issued) return NOT_FOUND;
    const text = body.toString("utf8");
    let parsed: unknown = text;
    if (mediaType(req) === "application/json") {
      try {
        parsed = JSON.parse(text);
      } catch {
        return asJson(refusal("invalid_payload", {}, 400));
      }
    }
    return asJson(answerResponseUrlPost(this.state, url, issued, parsed));
  }
}
