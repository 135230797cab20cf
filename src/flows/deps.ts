import type { Clock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { Db } from "../store/database.ts";

/**
 * Everything a flow may touch; built once in the composition root, rebuilt freely in tests. No Slack client:
 * Web API calls stay on the Slack side (SlackDeps), so every surface reuses the flows unchanged.
 */
export interface FlowDeps {
  db: Db;
  clock: Clock;
  config: Config;
  log: Logger;
  /** The bot's own user id (from auth.test), never invited or paged. */
  botUserId: string;
  /** Tells the scheduler that jobs were committed, so side effects start without waiting for a poll. */
  wakeScheduler(): void;
}
