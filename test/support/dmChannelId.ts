import type { SlackFake } from "../slack-fake/index.ts";

/** The id of the bot's DM with `userId` in the stand-in, or "" when the bot has not opened one. */
export const dmChannelId = (fake: SlackFake, userId: string): string =>
  fake.channels().find((c) => c.is_im && c.user === userId)?.id ?? "";
