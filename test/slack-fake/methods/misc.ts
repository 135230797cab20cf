/** auth.test, apps.connections.open and reactions.add. */
import { fail, optionalString, requiredString } from "../args.ts";
import type { MethodTable } from "./handler.ts";

export const miscMethods: MethodTable = {
  "auth.test": (state) => ({
    url: `${state.config.origin}/`,
    team: "Fake Workspace",
    user: state.users.get(state.config.botUserId)?.name ?? "bot",
    team_id: state.config.teamId,
    user_id: state.config.botUserId,
    bot_id: state.config.botId,
    is_enterprise_install: false,
  }),

  // A fresh WebSocket URL for Socket Mode (docs.slack.dev/reference/methods/apps.connections.open).
  "apps.connections.open": (state) => ({ url: state.socketMode.issueUrl() }),

  "reactions.add": (state, args) => {
    const channel = state.visibleChannel(requiredString(args, "channel", "channel_not_found"));
    const name = (optionalString(args, "name") ?? fail("invalid_name")).replace(/^:|:$/g, "");
    if (!/^[a-z0-9_+'-]+$/.test(name)) fail("invalid_name");
    const ts = optionalString(args, "timestamp") ?? fail("no_item_specified");
    const message = state.findMessage(channel.id, ts) ?? fail("message_not_found");
    const bot = state.config.botUserId;
    let reaction = message.reactions.find((r) => r.name === name);
    if (reaction?.users.includes(bot)) fail("already_reacted");
    if (!reaction) {
      reaction = { name, users: [], count: 0 };
      message.reactions.push(reaction);
    }
    reaction.users.push(bot);
    reaction.count += 1;
    return {};
  },
};
