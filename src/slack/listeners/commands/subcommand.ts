import type { WebClient } from "@slack/web-api";
import type { FlowDeps } from "../../../flows/deps.ts";
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

/**
 * One `/incident <name>` subcommand: either it answers ephemerally (`reply`), or it opens a modal
 * (`modal`) after the command was acknowledged; a failure there is sent back ephemerally.
 */
export type Subcommand =
  | { usage: string; summary: string; reply: (deps: FlowDeps, ctx: CommandContext) => EphemeralReply }
  | { usage: string; summary: string; modal: (deps: FlowDeps, ctx: CommandContext) => Promise<void> };

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
