import { join } from "node:path";
import type { SlackFake } from "../test/slack-fake/index.ts";

export interface BenchBot {
  fake: SlackFake;
  signingSecret: string;
  triageChannelId: string;
  /** The bench's user, the only admin: it may open cases, and no one else is invited to war rooms. */
  adminUserId: string;
  /** Holds the evidence folder (and the database, unless `databasePath` says otherwise). */
  dir: string;
  databasePath?: string;
}

/**
 * The bot's environment in a bench, against the Slack stand-in. Blank values keep a developer's .env (which
 * src/cli/start.ts reads) from adding Socket Mode, real admins or a Zendesk webhook.
 */
export function benchBotEnv(bot: BenchBot): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: bot.fake.botToken,
    SLACK_SIGNING_SECRET: bot.signingSecret,
    SLACK_API_URL: bot.fake.url,
    SLACK_APP_TOKEN: "",
    TRIAGE_CHANNEL_ID: bot.triageChannelId,
    ESCALATION_CHANNEL_ID: "",
    ADMIN_USER_IDS: bot.adminUserId,
    ZENDESK_WEBHOOK_SECRET: "",
    DATABASE_PATH: bot.databasePath ?? join(bot.dir, "incident-desk.sqlite"),
    EVIDENCE_DIR: join(bot.dir, "evidence"),
    LOG_LEVEL: "silent",
  };
}
