import type { SlackDeps } from "../slackDeps.ts";

// Slack recommends pages of no more than 200 for users.conversations.
const PAGE_SIZE = 200;

/**
 * An open channel of this name that the bot itself created and is still in, or undefined. users.conversations
 * lists only the bot's own memberships (fewer pages than conversations.list, Tier 3 rather than 2) and says
 * who created each channel; a page may hold fewer than asked, so only an empty cursor ends the search.
 */
export async function findBotChannel(deps: SlackDeps, name: string): Promise<{ id: string; name: string } | undefined> {
  let cursor: string | undefined;
  do {
    const page = await deps.slack.users.conversations({
      types: "public_channel,private_channel",
      exclude_archived: true,
      limit: PAGE_SIZE,
      cursor,
    });
    const found = page.channels?.find((c) => c.name === name && c.creator === deps.botUserId && !c.is_archived);
    if (found?.id) return { id: found.id, name };
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}
