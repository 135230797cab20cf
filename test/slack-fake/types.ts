/** Shapes of the Slack stand-in: its options, what it stores, and what tests can inspect. */

export interface FakeUser {
  id: string;
  name: string;
  real_name?: string;
  email?: string;
  is_bot?: boolean;
  tz?: string;
  deleted?: boolean;
}

export interface Fault {
  error?: string;
  status?: 429 | 500 | 502 | 503;
  retryAfter?: number;
  delayMs?: number;
  /** Default 1; Infinity keeps the fault until `clearFaults()`. */
  times?: number;
  /**
   * The call takes effect and only then answers with the fault: Slack did it, and the answer was lost on the way
   * (a 5xx from a proxy, a timeout). What a client that retries such a call must not do twice.
   */
  afterEffect?: boolean;
}

export interface SeedChannel {
  name: string;
  is_private?: boolean;
  members?: string[];
  id?: string;
  /** Who made it; a seeded channel was there before the app, so Slackbot stands in unless a test names someone. */
  creator?: string;
}

export interface SlackFakeOptions {
  botToken?: string;
  teamId?: string;
  botUserId?: string;
  /** Milliseconds; drives trigger-id expiry, message ts and rate-limit windows. */
  now?: () => number;
  users?: FakeUser[];
  channels?: SeedChannel[];
  /** Slack's tier limits and chat.postMessage's per-channel pace (default true); off only for benches. */
  rateLimits?: boolean;
  /** The bot token's scopes; default: `oauth_config.scopes.bot` of the repository's manifest.yml. */
  scopes?: readonly string[];
  /** The app-level token Socket Mode connects with (default xapp-test-token) and its scopes (default connections:write). */
  appToken?: string;
  appScopes?: readonly string[];
}

export type Args = Record<string, unknown>;

export interface TextObject {
  value: string;
  creator: string;
  last_set: number;
}

export interface StoredChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_archived: boolean;
  /** The other party of an IM. */
  user?: string;
  topic: TextObject;
  purpose: TextObject;
  members: string[];
  created: number;
  creator: string;
  previous_names: string[];
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface StoredMessage {
  type: "message";
  channel: string;
  ts: string;
  user: string;
  bot_id?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  files?: FileObject[];
  thread_ts?: string;
  /** ts of the replies, oldest first; only on thread parents. */
  replies: string[];
  edited?: { user: string; ts: string };
  reactions: Reaction[];
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  message_ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
}

export interface ViewState {
  values: Record<string, Record<string, unknown>>;
}

export interface StoredView {
  id: string;
  team_id: string;
  type: "modal" | "home";
  /** Who the view was opened or published for. */
  user: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  blocks: unknown[];
  callback_id: string;
  private_metadata: string;
  external_id: string;
  hash: string;
  state: ViewState;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  bot_id: string;
  app_installed_team_id: string;
  /** False once the user closed it or a submission dismissed it. */
  open: boolean;
}

export interface FileObject {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  pretty_type: string;
  user: string;
  size: number;
  url_private: string;
  url_private_download: string;
  permalink: string;
  is_public: boolean;
  channels: string[];
  groups: string[];
  ims: string[];
}

export interface StoredFile {
  file: FileObject;
  /** Undefined until the bytes are posted to the upload URL. */
  content?: Buffer;
  /** Set by files.completeUploadExternal, or for files added directly by a test. */
  completed: boolean;
  /** The `length` files.getUploadURLExternal was given: the upload URL takes exactly this many bytes. */
  expectedBytes?: number;
}

export interface RecordedCall {
  method: string;
  /** The stand-in's clock when the call arrived, the time its rate windows counted it at. */
  at: number;
  args: Args;
  ok: boolean;
  error?: string;
  status: number;
}

export interface RecordedResponse {
  url: string;
  body: unknown;
}

export interface TriggerContext {
  userId?: string;
  /** The view the interaction came from, so views.push knows which stack to grow. */
  viewId?: string;
}

/** What a response URL was issued for: the conversation, the person, and for an interaction the message. */
export interface ResponseUrlContext {
  channelId?: string;
  userId?: string;
  /** The message a block action came from: replace_original and delete_original act on it. */
  messageTs?: string;
}
