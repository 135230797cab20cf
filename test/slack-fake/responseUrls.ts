/**
 * Posts to a `response_url`, as https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 * describes them: at most 5, within 30 minutes; `response_type` and `replace_original` / `delete_original` act on
 * the conversation and message the URL was issued for.
 */
import { isRecord, SlackApiError } from "./args.ts";
import { messageContent } from "./methods/chat.ts";
import type { FakeState } from "./state.ts";
import type { ResponseUrlContext } from "./types.ts";

/** "You can use response_url to publish up to 5 times within 30 minutes". */
const MAX_POSTS = 5;
const LIFETIME_MS = 30 * 60_000;
const RESPONSE_TYPES = new Set(["in_channel", "ephemeral"]);

export interface IssuedResponseUrl extends ResponseUrlContext {
  issuedAt: number;
  posts: number;
}

export interface ResponseUrlAnswer {
  status: number;
  body: Record<string, unknown>;
}

const refused = (status: number, error: string, extra: Record<string, unknown> = {}): ResponseUrlAnswer => ({
  status,
  body: { ok: false, error, ...extra },
});

/** What Slack answers a post to an issued response URL, applying it to the workspace when accepted. */
export function answerResponseUrlPost(
  state: FakeState,
  url: string,
  issued: IssuedResponseUrl,
  posted: unknown,
): ResponseUrlAnswer {
  // The docs name no refusal; an HTTP 404 (which @slack/bolt's respond() throws on) is the stricter reading.
  if (issued.posts >= MAX_POSTS || state.now() - issued.issuedAt > LIFETIME_MS) return refused(404, "expired_url");
  issued.posts += 1;
  if (!isRecord(posted)) return refused(400, "invalid_payload");
  try {
    applyResponse(state, issued, posted);
  } catch (error) {
    if (!(error instanceof SlackApiError)) throw error;
    return refused(400, error.code, error.extra);
  }
  state.responses.push({ url, body: posted });
  return { status: 200, body: { ok: true } };
}

function applyResponse(state: FakeState, issued: IssuedResponseUrl, posted: Record<string, unknown>): void {
  const responseType = posted.response_type ?? "ephemeral";
  if (typeof responseType !== "string" || !RESPONSE_TYPES.has(responseType)) throw new SlackApiError("invalid_payload");
  if (posted.delete_original === true || posted.delete_original === "true") {
    state.removeMessage(issued.channelId ?? "", originalTs(issued));
    return;
  }
  // Blocks are checked as chat.postMessage checks them; text beyond 40,000 characters is truncated.
  const content = messageContent(posted);
  if (posted.replace_original === true || posted.replace_original === "true") {
    const original = state.findMessage(issued.channelId ?? "", originalTs(issued));
    if (!original) throw new SlackApiError("message_not_found");
    original.text = content.text;
    original.blocks = content.blocks === undefined ? undefined : state.withBlockIds(content.blocks);
    return;
  }
  if (issued.channelId === undefined) return;
  if (responseType === "in_channel") {
    const { text, blocks, attachments } = content;
    state.addMessage({
      channel: issued.channelId,
      user: state.config.botUserId,
      bot_id: state.config.botId,
      text,
      blocks,
      attachments,
    });
    return;
  }
  if (issued.userId === undefined) return;
  state.ephemerals.push({
    channel: issued.channelId,
    user: issued.userId,
    message_ts: state.nextTs(),
    text: content.text,
    blocks: content.blocks,
  });
}

/** A slash command's URL belongs to no message, so there is nothing to replace or delete. */
function originalTs(issued: IssuedResponseUrl): string {
  if (issued.messageTs === undefined) throw new SlackApiError("message_not_found");
  return issued.messageTs;
}
