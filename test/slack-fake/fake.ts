/** `startSlackFake`: the stand-in started on a free port, with what tests arrange, inspect and break. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { newFile } from "./methods/files.ts";
import { manifestBotScopes } from "./scopes.ts";
import { messageJson, viewJson } from "./serialize.ts";
import { FakeServer } from "./server.ts";
import type { SocketModeLink } from "./socketMode.ts";
import { FakeState } from "./state.ts";
import type {
  EphemeralMessage,
  FakeUser,
  Fault,
  FileObject,
  RecordedCall,
  RecordedResponse,
  ResponseUrlContext,
  SeedChannel,
  SlackFakeOptions,
  StoredChannel,
  StoredMessage,
  StoredView,
  TriggerContext,
} from "./types.ts";
import { closeView, stackOf } from "./viewStore.ts";
import { applyViewSubmissionResponse } from "./viewSubmission.ts";

export class SlackFake {
  constructor(
    private readonly state: FakeState,
    private readonly server: FakeServer,
    private readonly stop: () => Promise<void>,
  ) {}

  get origin(): string {
    return this.state.config.origin;
  }
  /** What the bot's SLACK_API_URL is set to. */
  get url(): string {
    return `${this.origin}/api/`;
  }
  get botToken(): string {
    return this.state.config.botToken;
  }
  /** What the bot's SLACK_APP_TOKEN is set to for Socket Mode. */
  get appToken(): string {
    return this.state.config.appToken;
  }
  /** The Socket Mode side: envelopes sent and their acks, connections, disconnects and drops. */
  get socketMode(): SocketModeLink {
    return this.state.socketMode;
  }
  get botUserId(): string {
    return this.state.config.botUserId;
  }
  get botId(): string {
    return this.state.config.botId;
  }
  get teamId(): string {
    return this.state.config.teamId;
  }
  get appId(): string {
    return this.state.config.appId;
  }

  close(): Promise<void> {
    return this.stop();
  }

  // Arrange

  addUser(user: FakeUser): void {
    this.state.addUser(user);
  }

  addChannel(channel: SeedChannel): string {
    return this.state.createChannel(channel).id;
  }

  addMember(channelId: string, userId: string): void {
    const channel = this.mustChannel(channelId);
    if (!channel.members.includes(userId)) channel.members.push(userId);
  }

  addUsergroup(id: string, users: string[]): void {
    this.state.usergroups.set(id, [...users]);
  }

  /** A message from someone other than the bot, e.g. a person writing in an incident channel. */
  addMessage(input: {
    channel: string;
    user: string;
    text: string;
    thread_ts?: string;
    blocks?: unknown[];
  }): StoredMessage {
    this.mustChannel(input.channel);
    return this.state.addMessage(input);
  }

  addFile(input: { name: string; mimetype?: string; content: Buffer; user?: string; title?: string }): FileObject {
    const stored = newFile(this.state, { ...input, size: input.content.length });
    stored.content = Buffer.from(input.content);
    stored.completed = true;
    return stored.file;
  }

  /** Valid once, for 3 s of `now()`; `viewId` names the modal an interaction came from, for views.push. */
  issueTriggerId(context: TriggerContext = {}): string {
    return this.state.issueTrigger(context);
  }

  /** A response_url for a slash command (channel and user) or a block action (also the message it came from). */
  responseUrl(context: ResponseUrlContext = {}): string {
    return this.state.issueResponseUrl(context);
  }

  // Break

  inject(method: string, fault: Fault): void {
    this.server.faults.inject(method, fault);
  }

  /** Requests for url_private so far, each with the wall time it was answered. */
  downloads(): ReadonlyArray<{ path: string; at: number; status?: number }> {
    return this.server.downloads;
  }

  clearFaults(): void {
    this.server.faults.clear();
  }

  setRateLimit(method: string, limit: { perMinute: number }): void {
    this.server.rateLimits.set(method, limit.perMinute);
  }

  // Inspect

  get calls(): readonly RecordedCall[] {
    return this.server.calls;
  }

  callsTo(method: string): RecordedCall[] {
    return this.server.calls.filter((call) => call.method === method);
  }

  /** Calls to `method` received and not answered yet; the stand-in finishes them even if the caller has gone. */
  inFlight(method: string): number {
    return this.server.unanswered.get(method) ?? 0;
  }

  responses(url?: string): RecordedResponse[] {
    return this.state.responses.filter((response) => url === undefined || response.url === url);
  }

  user(id: string): FakeUser | undefined {
    return this.state.users.get(id);
  }

  channel(id: string): StoredChannel | undefined {
    return this.state.channels.get(id);
  }

  channelByName(name: string): StoredChannel | undefined {
    return this.channels().find((channel) => channel.name === name && !channel.is_im);
  }

  channels(): StoredChannel[] {
    return [...this.state.channels.values()];
  }

  members(channelId: string): string[] {
    return [...this.mustChannel(channelId).members];
  }

  /** Top-level messages oldest first, or with `threadTs` the replies of that thread. */
  messages(channelId: string, options: { threadTs?: string } = {}): StoredMessage[] {
    const all = [...(this.state.messages.get(channelId)?.values() ?? [])];
    const { threadTs } = options;
    if (threadTs !== undefined) return all.filter((m) => m.thread_ts === threadTs && m.ts !== threadTs);
    return all.filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts);
  }

  message(channelId: string, ts: string): StoredMessage | undefined {
    return this.state.findMessage(channelId, ts);
  }

  ephemerals(channelId?: string): EphemeralMessage[] {
    return this.state.ephemerals.filter((m) => channelId === undefined || m.channel === channelId);
  }

  pins(channelId: string): string[] {
    return [...(this.state.pins.get(channelId) ?? [])];
  }

  view(viewId: string): StoredView | undefined {
    return this.state.views.get(viewId);
  }

  views(): StoredView[] {
    return [...this.state.views.values()].filter((view) => view.type === "modal");
  }

  homeView(userId: string): StoredView | undefined {
    const id = this.state.homeViews.get(userId);
    return id === undefined ? undefined : this.state.views.get(id);
  }

  /** The modal stack a view belongs to, root first, closed views included. */
  viewStack(viewId: string): StoredView[] {
    return stackOf(this.state, this.mustView(viewId));
  }

  /** A view as Slack puts it in interaction payloads (state left empty for the caller to fill). */
  viewPayload(viewId: string): Record<string, unknown> {
    return viewJson(this.mustView(viewId));
  }

  /** A message as Slack puts it in block_actions payloads. */
  messagePayload(channelId: string, ts: string): Record<string, unknown> {
    const message = this.state.findMessage(channelId, ts);
    if (!message) throw new Error(`slack-fake: no message ${ts} in ${channelId}`);
    return messageJson(this.state, message);
  }

  file(fileId: string): FileObject | undefined {
    return this.state.files.get(fileId)?.file;
  }

  fileContent(fileId: string): Buffer | undefined {
    return this.state.files.get(fileId)?.content;
  }

  // What Slack does on its side after an interaction

  /** The user dismissed the modal (Slack sends `view_closed` if notify_on_close is set). */
  closeView(viewId: string): void {
    const view = this.mustView(viewId);
    closeView(this.state, view, { clear: view.clear_on_close });
  }

  /** Applies the app's answer to a view_submission as Slack would (see viewSubmission.ts). */
  applyViewSubmissionResponse(viewId: string, response: unknown): void {
    applyViewSubmissionResponse(this.state, this.mustView(viewId), response);
  }

  private mustChannel(id: string): StoredChannel {
    const channel = this.state.channels.get(id);
    if (!channel) throw new Error(`slack-fake: no channel ${id}`);
    return channel;
  }

  private mustView(id: string): StoredView {
    const view = this.state.views.get(id);
    if (!view) throw new Error(`slack-fake: no view ${id}`);
    return view;
  }
}

export async function startSlackFake(options: SlackFakeOptions = {}): Promise<SlackFake> {
  const httpServer = createServer();
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  const botUserId = options.botUserId ?? "UBOT";
  const state = new FakeState({
    botToken: options.botToken ?? "xoxb-test-token",
    teamId: options.teamId ?? "T0TEST",
    botUserId,
    botId: "B0TEST",
    appId: "A0TEST",
    origin: `http://127.0.0.1:${port}`,
    now: options.now ?? Date.now,
    scopes: options.scopes ?? manifestBotScopes(),
    appToken: options.appToken ?? "xapp-1-A0TEST-1-test-token",
    appScopes: options.appScopes ?? ["connections:write"],
  });
  state.addUser({ id: botUserId, name: "incident-desk", real_name: "Incident Desk", is_bot: true });
  for (const user of options.users ?? []) state.addUser(user);
  for (const channel of options.channels ?? []) state.createChannel(channel);
  const server = new FakeServer(state, { rateLimits: options.rateLimits ?? true });
  httpServer.on("request", server.handle);
  state.socketMode.attach(httpServer);
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      state.socketMode.close();
      httpServer.closeAllConnections();
      httpServer.close((error) => (error ? reject(error) : resolve()));
    });
  return new SlackFake(state, server, stop);
}
