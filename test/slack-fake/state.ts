/** Everything the stand-in remembers: the workspace, its conversations, views and files. */
import { randomBytes } from "node:crypto";
import { fail } from "./args.ts";
import { withGeneratedIds } from "./blockLimits.ts";
import type { IssuedResponseUrl } from "./responseUrls.ts";
import { SocketModeLink } from "./socketMode.ts";
import type {
  EphemeralMessage,
  FakeUser,
  RecordedResponse,
  ResponseUrlContext,
  SeedChannel,
  StoredChannel,
  StoredFile,
  StoredMessage,
  StoredView,
  TriggerContext,
} from "./types.ts";

/** Slack's own user id, the creator of channels nobody in particular made. */
const SLACKBOT = "USLACKBOT";

export interface FakeConfig {
  botToken: string;
  teamId: string;
  botUserId: string;
  botId: string;
  appId: string;
  origin: string;
  now: () => number;
  /** The bot token's scopes; a call needing another answers missing_scope. */
  scopes: readonly string[];
  /** The app-level token (xapp-…) Socket Mode connects with, and its scopes. */
  appToken: string;
  appScopes: readonly string[];
}

interface Trigger {
  issuedAt: number;
  used: boolean;
  context: TriggerContext;
}

export class FakeState {
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, StoredChannel>();
  /** Per channel, every message by ts, thread replies included. */
  readonly messages = new Map<string, Map<string, StoredMessage>>();
  readonly ephemerals: EphemeralMessage[] = [];
  readonly pins = new Map<string, string[]>();
  readonly views = new Map<string, StoredView>();
  /** Per root view id, the ids of the views stacked on it, root first. */
  readonly stacks = new Map<string, string[]>();
  readonly homeViews = new Map<string, string>();
  readonly files = new Map<string, StoredFile>();
  readonly triggers = new Map<string, Trigger>();
  readonly usergroups = new Map<string, string[]>();
  readonly responseUrls = new Map<string, IssuedResponseUrl>();
  readonly responses: RecordedResponse[] = [];
  private counter = 0;
  private lastTsMicros = 0;

  readonly socketMode: SocketModeLink;

  constructor(readonly config: FakeConfig) {
    this.socketMode = new SocketModeLink(config.origin, config.appId);
  }

  now(): number {
    return this.config.now();
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Upper-case alphanumeric ids like Slack's, unique within this fake. */
  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(8, "0")}`;
  }

  /** Message timestamps: seconds from `now()`, strictly increasing, six-digit fraction. */
  nextTs(): string {
    const micros = Math.max(this.now() * 1000, this.lastTsMicros + 100);
    this.lastTsMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, "0")}`;
  }

  randomToken(bytes = 8): string {
    return randomBytes(bytes).toString("hex");
  }

  isBot(userId: string): boolean {
    return userId === this.config.botUserId;
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, { ...user });
  }

  createChannel(input: SeedChannel): StoredChannel {
    const id = input.id ?? this.nextId("C");
    const channel: StoredChannel = {
      id,
      name: input.name,
      is_private: input.is_private ?? false,
      is_im: false,
      is_mpim: false,
      is_archived: false,
      topic: { value: "", creator: "", last_set: 0 },
      purpose: { value: "", creator: "", last_set: 0 },
      members: [...new Set(input.members ?? [])],
      created: this.nowSeconds(),
      creator: input.creator ?? SLACKBOT,
      previous_names: [],
    };
    this.channels.set(id, channel);
    return channel;
  }

  /** The bot's direct-message channel with one user: one id per user, created on first use. */
  imWith(userId: string): StoredChannel {
    for (const channel of this.channels.values()) {
      if (channel.is_im && channel.user === userId) return channel;
    }
    const channel = this.createChannel({
      name: userId,
      id: this.nextId("D"),
      members: [this.config.botUserId, userId],
    });
    channel.is_im = true;
    channel.is_private = true;
    channel.user = userId;
    return channel;
  }

  /** Slack opens no DM with a bot (the app's own user included) or a deactivated person; `codes` are the method's. */
  assertCanDm(userId: string, codes: { bot: string; deactivated: string }): void {
    const user = this.user(userId);
    if (user.is_bot || this.isBot(userId)) fail(codes.bot);
    if (user.deleted) fail(codes.deactivated);
  }

  isMember(channel: StoredChannel, userId: string): boolean {
    return channel.members.includes(userId);
  }

  /**
   * A conversation as the bot sees it: private ones it is not in do not exist for it. A user id stands for
   * the bot's DM with that user, as chat.postMessage allows.
   */
  visibleChannel(id: string, options: { userIdOpensIm?: boolean } = {}): StoredChannel {
    if (options.userIdOpensIm && this.users.has(id) && !this.channels.has(id)) {
      // chat.postMessage's page documents no DM-specific code: "Value passed for channel was invalid".
      this.assertCanDm(id, { bot: "channel_not_found", deactivated: "channel_not_found" });
      return this.imWith(id);
    }
    const channel = this.channels.get(id);
    if (!channel) return fail("channel_not_found");
    if (channel.is_private && !this.isMember(channel, this.config.botUserId)) return fail("channel_not_found");
    return channel;
  }

  private channelMessages(channelId: string): Map<string, StoredMessage> {
    let byTs = this.messages.get(channelId);
    if (!byTs) {
      byTs = new Map();
      this.messages.set(channelId, byTs);
    }
    return byTs;
  }

  findMessage(channelId: string, ts: string): StoredMessage | undefined {
    return this.messages.get(channelId)?.get(ts);
  }

  addMessage(input: Omit<StoredMessage, "type" | "ts" | "replies" | "reactions">): StoredMessage {
    const message: StoredMessage = { type: "message", ts: this.nextTs(), replies: [], reactions: [], ...input };
    if (input.blocks) message.blocks = this.withBlockIds(input.blocks);
    this.channelMessages(input.channel).set(message.ts, message);
    const parent = input.thread_ts ? this.findMessage(input.channel, input.thread_ts) : undefined;
    if (parent) {
      parent.replies.push(message.ts);
      parent.thread_ts = parent.ts;
    }
    return message;
  }

  /** Deletes a message (and, for a reply, its place in the thread); a missing one is message_not_found. */
  removeMessage(channelId: string, ts: string): void {
    const message = this.findMessage(channelId, ts) ?? fail("message_not_found");
    this.messages.get(channelId)?.delete(ts);
    const parent = message.thread_ts === undefined ? undefined : this.findMessage(channelId, message.thread_ts);
    if (parent && parent !== message) parent.replies = parent.replies.filter((reply) => reply !== ts);
  }

  withBlockIds(blocks: unknown[]): unknown[] {
    return withGeneratedIds(blocks, () => this.randomToken(3));
  }

  user(id: string): FakeUser {
    return this.users.get(id) ?? fail("user_not_found");
  }

  issueTrigger(context: TriggerContext): string {
    const id = `${this.nextId("")}.${Math.floor(this.now())}.${this.randomToken(16)}`;
    this.triggers.set(id, { issuedAt: this.now(), used: false, context });
    return id;
  }

  /** A trigger_id works once, within 3 seconds of the interaction that produced it. */
  useTrigger(id: string): TriggerContext {
    const trigger = this.triggers.get(id) ?? fail("invalid_trigger_id");
    if (trigger.used) return fail("exchanged_trigger_id");
    if (this.now() - trigger.issuedAt > 3000) return fail("expired_trigger_id");
    trigger.used = true;
    return trigger.context;
  }

  issueResponseUrl(context: ResponseUrlContext): string {
    const kind = context.messageTs === undefined ? "commands" : "actions";
    const url = `${this.config.origin}/${kind}/${this.config.teamId}/${this.nextId("")}/${this.randomToken(12)}`;
    this.responseUrls.set(url, { ...context, issuedAt: this.now(), posts: 0 });
    return url;
  }
}
