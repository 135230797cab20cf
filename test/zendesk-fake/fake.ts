/** A Zendesk Support API stand-in over HTTP: ticket updates that add comments, with auth, faults and a call log. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import {
  commentOf,
  MAX_COMMENTS_PER_TICKET,
  NO_SUCH_ENDPOINT,
  recordInvalid,
  refusal,
  type StoredComment,
  TICKET_NOT_FOUND,
  UNAUTHENTICATED,
  type ZendeskReply,
} from "./ticketUpdates.ts";

/** Trouble on demand, used up in order: a 429 with Retry-After, a 5xx, or a stall before the real answer. */
export type ZendeskFault =
  | { kind: "rate_limited"; retryAfter: number; times?: number }
  | { kind: "server_error"; status: 500 | 502 | 503; times?: number }
  | { kind: "stall"; ms: number; times?: number };

/** One request as the stand-in answered it, stamped with the test's clock. */
export interface ZendeskCall {
  method: string;
  path: string;
  ticketId: number | undefined;
  status: number;
  at: number;
}

export interface ZendeskFakeOptions {
  now: () => number;
  /** The agent and token a request must authenticate as. */
  email?: string;
  apiToken?: string;
  tickets?: readonly number[];
}

// developer.zendesk.com/api-reference/ticketing/tickets/tickets (Update Ticket): PUT /api/v2/tickets/{ticket_id}.
const TICKET_PATH = /^\/api\/v2\/tickets\/(\d+)\.json$/;

export class ZendeskFake {
  readonly calls: ZendeskCall[] = [];
  readonly email: string;
  readonly apiToken: string;
  url = "";
  private readonly tickets = new Set<number>();
  private readonly stored: StoredComment[] = [];
  private readonly faults: Array<ZendeskFault & { left: number }> = [];
  private server: Server | undefined;

  constructor(private readonly options: ZendeskFakeOptions) {
    this.email = options.email ?? "desk-bot@example.com";
    this.apiToken = options.apiToken ?? "zendesk-test-token";
    for (const id of options.tickets ?? []) this.tickets.add(id);
  }

  addTicket(id: number): void {
    this.tickets.add(id);
  }

  /** Every comment stored on a ticket, oldest first. */
  comments(ticketId?: number): StoredComment[] {
    return this.stored.filter((c) => ticketId === undefined || c.ticketId === ticketId);
  }

  /** The next `times` requests (default 1) meet this fault instead of, or before, their answer. */
  inject(fault: ZendeskFault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? "").split("?")[0] ?? "";
    const ticketId = TICKET_PATH.exec(path)?.[1];
    const reply = await this.answer(req, ticketId === undefined ? undefined : Number(ticketId), chunks);
    this.calls.push({
      method: req.method ?? "",
      path,
      ticketId: ticketId === undefined ? undefined : Number(ticketId),
      status: reply.status,
      at: this.options.now(),
    });
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...reply.headers });
    res.end(body);
  }

  private takeFault(): ZendeskFault | undefined {
    const head = this.faults[0];
    if (!head) return undefined;
    head.left -= 1;
    if (head.left <= 0) this.faults.shift();
    return head;
  }

  private async answer(req: IncomingMessage, ticketId: number | undefined, chunks: Buffer[]): Promise<ZendeskReply> {
    // security-and-auth: credentials are checked before anything else, and only the Authorization header counts.
    if (req.headers.authorization !== this.expectedAuthorization()) return UNAUTHENTICATED;
    if (ticketId === undefined || req.method !== "PUT") return NO_SUCH_ENDPOINT;
    const fault = this.takeFault();
    if (fault?.kind === "stall") await delay(fault.ms);
    // rate-limits: "the API responds with a 429 Too Many Requests status code … a Retry-After header".
    if (fault?.kind === "rate_limited") {
      return { ...refusal(429, "TooManyRequests"), headers: { "retry-after": String(fault.retryAfter) } };
    }
    if (fault?.kind === "server_error") return refusal(fault.status, "ServiceUnavailable");
    // requests: "the Content-Type header must be set to application/json" for a request with a JSON body.
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      return refusal(400, "InvalidValue", "Content-Type must be application/json");
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return refusal(400, "InvalidValue", "The request body is not valid JSON");
    }
    if (!this.tickets.has(ticketId)) return TICKET_NOT_FOUND;
    const comment = commentOf(parsed);
    if ("status" in comment) return comment;
    if (this.comments(ticketId).length >= MAX_COMMENTS_PER_TICKET) {
      return recordInvalid("comment", `Comment: a ticket holds at most ${MAX_COMMENTS_PER_TICKET} comments`);
    }
    const at = this.options.now();
    this.stored.push({ ticketId, ...comment, at });
    const auditId = this.stored.length;
    return {
      status: 200,
      body: {
        ticket: { id: ticketId, updated_at: new Date(at).toISOString() },
        audit: { id: auditId, ticket_id: ticketId, events: [{ type: "Comment", public: comment.public }] },
      },
    };
  }

  // security-and-auth: API token auth is Basic base64("{email_address}/token:{api_token}").
  private expectedAuthorization(): string {
    return `Basic ${Buffer.from(`${this.email}/token:${this.apiToken}`).toString("base64")}`;
  }
}

export async function startZendeskFake(options: ZendeskFakeOptions): Promise<ZendeskFake> {
  const fake = new ZendeskFake(options);
  await fake.listen();
  return fake;
}
