import type { View, WebClient } from "@slack/web-api";
import type { SlackDeps } from "../../slackDeps.ts";
import type { EphemeralReply } from "../../views/commandReplies.ts";

export interface CommandContext {
  userId: string;
  channelId: string;
  /** The words after the subcommand's name. */
  args: string[];
  /** Everything after the subcommand's name, as typed. */
  rest: string;
  triggerId: string;
  client: WebClient;
}

/** A modal to open once the command is acknowledged (a trigger_id outlives the ack by ~3 s). */
export interface OpenModal {
  openModal: () => Promise<unknown>;
}

/**
 * One `/incident <name>` subcommand. `run` checks permissions and arguments at once and either answers
 * ephemerally or names the modal to open; a failure either way is answered ephemerally.
 */
export interface Subcommand {
  usage: string;
  summary: string;
  /** A reply that needs long work (verifying a long chain) is a promise, the loop free while it builds. */
  run: (deps: SlackDeps, ctx: CommandContext) => EphemeralReply | OpenModal | Promise<EphemeralReply>;
}

export function openModal(ctx: CommandContext, view: View): OpenModal {
  return { openModal: () => ctx.client.views.open({ trigger_id: ctx.triggerId, view }) };
}

/** `<@U123|name>` (as Slack escapes a mention in command text) or a bare `U123`. */
export function parseUserMention(text: string | undefined): string | undefined {
  const match = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text ?? "") ?? /^([UW][A-Z0-9]{2,})$/.exec(text ?? "");
  return match?.[1];
}

/** `<#C123|name>` or a bare `C123`. */
export function parseChannelMention(text: string | undefined): string | undefined {
  const match = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text ?? "") ?? /^([CG][A-Z0-9]{2,})$/.exec(text ?? "");
  return match?.[1];
}

/** `<!subteam^S123|@name>` (a user group mention) or a bare `S123`. */
export function parseUsergroupMention(text: string | undefined): string | undefined {
  const match = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/.exec(text ?? "") ?? /^(S[A-Z0-9]{2,})$/.exec(text ?? "");
  return match?.[1];
}
