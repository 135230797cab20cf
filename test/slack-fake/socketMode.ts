/**
 * Socket Mode's face of the stand-in: the one-use WebSocket URLs apps.connections.open hands out, and the
 * WebSocket that carries envelopes to the app and its acks back, as docs.slack.dev/apis/events-api/using-socket-mode
 * describes them (hello on connect, envelopes, acks by envelope_id, disconnect messages).
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { isRecord } from "./args.ts";

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";
/** The reasons using-socket-mode documents: a refresh soon, a refresh now, and Socket Mode turned off. */
export type DisconnectReason = "warning" | "refresh_requested" | "link_disabled";

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface Delivery {
  envelope: Envelope;
  /** Which connection (numbered from 1 in order of opening) carried it. */
  connection: number;
  /** Every ack received for this delivery, in order: Slack expects exactly one. */
  acks: unknown[];
  /** True when no ack came within the deadline. */
  timedOut: boolean;
}

/** "Your app must respond … within 3 seconds" (using-socket-mode), as over HTTP. */
export const ACK_DEADLINE_MS = 3_000;
/** How long a delivery waits for the app to (re)connect before the test is told nobody is listening. */
const CONNECT_WAIT_MS = 15_000;
const LINK_PATH = "/link/";

interface Connection {
  id: number;
  socket: WebSocket;
  /** Told to disconnect: Slack sends it nothing more and waits for the app to close it. */
  retiring: boolean;
}

export class SocketModeLink {
  /** URLs issued by apps.connections.open and not connected to yet: each opens one connection. */
  private readonly tickets = new Set<string>();
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly open: Connection[] = [];
  private opened = 0;
  readonly deliveries: Delivery[] = [];
  /** Acks naming no envelope this link sent: a protocol error of the app. */
  readonly strayAcks: unknown[] = [];
  /** Every connection attempt refused (unknown or reused ticket). */
  refusedConnections = 0;
  /** Acks that reached the stand-in as their connection died (see loseNextAck). */
  readonly lostAcks: unknown[] = [];
  private ackToLose = false;

  constructor(
    private readonly origin: string,
    private readonly appId: string,
  ) {}

  attach(http: Server): void {
    http.on("upgrade", this.upgrade);
  }

  /** A fresh WebSocket URL, as apps.connections.open returns it. */
  issueUrl(): string {
    const ticket = randomBytes(12).toString("hex");
    this.tickets.add(ticket);
    // The URL's shape in the method page's typical answer: wss://…/link/?ticket=…&app_id=… (apps.connections.open).
    return `${this.origin.replace(/^http/, "ws")}${LINK_PATH}?ticket=${ticket}&app_id=${this.appId}`;
  }

  get connectionCount(): number {
    return this.open.length;
  }

  get connectionsOpened(): number {
    return this.opened;
  }

  /**
   * Sends an envelope on the newest open connection (waiting for the app to connect) and resolves with the
   * app's ack payload; rejects if no ack comes within 3 s. Pass `envelopeId` to redeliver an envelope.
   */
  async deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    redelivery: { envelopeId?: string; retryAttempt?: number; retryReason?: string } = {},
  ): Promise<unknown> {
    const connection = await this.connection();
    const envelope: Envelope = {
      envelope_id: redelivery.envelopeId ?? randomUUID(),
      type,
      payload,
      // Interactivity and slash commands may answer in the ack; events may not (using-socket-mode).
      accepts_response_payload: type !== "events_api",
      ...(type === "events_api"
        ? { retry_attempt: redelivery.retryAttempt ?? 0, retry_reason: redelivery.retryReason ?? "" }
        : {}),
    };
    const delivery: Delivery = { envelope, connection: connection.id, acks: [], timedOut: false };
    this.deliveries.push(delivery);
    connection.socket.send(JSON.stringify(envelope));
    const deadline = Date.now() + ACK_DEADLINE_MS;
    while (delivery.acks.length === 0 && Date.now() < deadline) await delay(5);
    if (delivery.acks.length === 0) {
      delivery.timedOut = true;
      throw new Error(`slack-fake: envelope ${envelope.envelope_id} (${type}) not acknowledged within 3 s`);
    }
    return delivery.acks[0];
  }

  /** Sends an envelope again with its envelope_id, as Slack does with one it saw no ack for. */
  redeliver(envelopeId: string): Promise<unknown> {
    const first = this.deliveriesOf(envelopeId)[0];
    if (!first) throw new Error(`slack-fake: no envelope ${envelopeId} was delivered`);
    const attempt = this.deliveriesOf(envelopeId).length;
    return this.deliver(first.envelope.type, first.envelope.payload, {
      envelopeId,
      retryAttempt: attempt,
      retryReason: "timeout",
    });
  }

  /** The next ack is lost: the connection dies as it arrives, so Slack never sees it. */
  loseNextAck(): void {
    this.ackToLose = true;
  }

  /** Deliveries of one envelope id: more than one is a redelivery. */
  deliveriesOf(envelopeId: string): Delivery[] {
    return this.deliveries.filter((d) => d.envelope.envelope_id === envelopeId);
  }

  /** Sends `disconnect` on every open connection and leaves the closing to the app, as Slack does. */
  disconnect(reason: DisconnectReason): void {
    for (const connection of this.open) {
      connection.retiring = true;
      connection.socket.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "slack-fake" } }));
    }
  }

  /** Cuts every connection without a close frame: what a network failure looks like to the app. */
  drop(): void {
    for (const { socket } of this.open.splice(0)) socket.terminate();
  }

  close(): void {
    this.drop();
    this.server.close();
  }

  private async connection(): Promise<Connection> {
    const giveUpAt = Date.now() + CONNECT_WAIT_MS;
    for (;;) {
      const newest = this.open.filter((connection) => !connection.retiring).at(-1);
      if (newest) return newest;
      if (Date.now() > giveUpAt) throw new Error("slack-fake: no Socket Mode connection open to deliver on");
      await delay(20);
    }
  }

  private readonly upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? "/", this.origin);
    const ticket = url.searchParams.get("ticket") ?? "";
    // The URL is the credential, good for one connection (stricter reading of "a URL … generated at runtime").
    if (url.pathname !== LINK_PATH || !this.tickets.delete(ticket)) {
      this.refusedConnections += 1;
      socket.end("HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n");
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  };

  private accept(socket: WebSocket): void {
    this.opened += 1;
    const connection = { id: this.opened, socket, retiring: false };
    this.open.push(connection);
    socket.on("message", (data, isBinary) => this.receive(data, isBinary));
    socket.on("close", () => {
      const at = this.open.indexOf(connection);
      if (at >= 0) this.open.splice(at, 1);
    });
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.open.length,
        debug_info: { host: "slack-fake", approximate_connection_time: 18_060 },
        connection_info: { app_id: this.appId },
      }),
    );
  }

  /** An ack is `{ envelope_id, payload? }` (using-socket-mode); anything else is the app's error. */
  private receive(data: RawData, isBinary: boolean): void {
    const text = isBinary ? "" : data.toString();
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.strayAcks.push(text);
      return;
    }
    const envelopeId = isRecord(message) ? message.envelope_id : undefined;
    // The newest delivery of the id: an ack answers the redelivery the app just received.
    const delivery = this.deliveriesOf(String(envelopeId)).at(-1);
    if (!isRecord(message) || !delivery || delivery.timedOut) {
      this.strayAcks.push(message);
      return;
    }
    if (this.ackToLose) {
      this.ackToLose = false;
      this.lostAcks.push(message);
      this.drop();
      return;
    }
    delivery.acks.push(message.payload ?? {});
  }
}
