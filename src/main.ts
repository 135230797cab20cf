import type { App } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { checkSlackSetup } from "./checkSlackSetup.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { recordJobFailure } from "./flows/cases/recordJobFailure.ts";
import { startShiftReminderPlanning } from "./flows/onCall/shiftReminders.ts";
import { bootstrapAdmins } from "./flows/roles/changeRole.ts";
import { startSlaWatch } from "./flows/sla/slaReminders.ts";
import { createLogger, type Logger } from "./log.ts";
import { Scheduler } from "./scheduler/scheduler.ts";
import { createSlackApp } from "./slack/app.ts";
import { boltLogger } from "./slack/boltLogger.ts";
import { buildJobHandlers } from "./slack/jobs/index.ts";
import type { SlackDeps } from "./slack/slackDeps.ts";
import { startSlackApp } from "./slack/startSlackApp.ts";
import { type DatabaseHandle, openDatabase } from "./store/database.ts";

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  /** Tests drive jobs by hand with `scheduler.runUntilIdle()` under a fake clock. */
  runScheduler?: boolean;
}

export interface RunningDesk {
  app: App;
  /** The flows' dependencies and the Slack client the Slack side adds to them. */
  deps: SlackDeps;
  database: DatabaseHandle;
  scheduler: Scheduler;
  /** The port actually bound (PORT=0 picks a free one). */
  port: number;
  stop(): Promise<void>;
}

/**
 * The composition root: the one place the Slack client, database, flow dependencies, job runner and Slack
 * app are built and wired. Checks the token and channels with Slack, opens and migrates the database,
 * serves HTTP and starts the job runner.
 */
export async function startIncidentDesk(config: Config, options: StartOptions = {}): Promise<RunningDesk> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;

  // Jobs see every Slack failure themselves: no silent client retries, 429s surface with Retry-After.
  const slack = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: boltLogger(log),
  });
  // Before the data folder or database exists, so a wrong token or channel leaves nothing behind.
  const identity = await checkSlackSetup(slack, config);
  const database = openDatabase(config.db.path);

  let scheduler: Scheduler | undefined;
  const deps: SlackDeps = {
    db: database.db,
    slack,
    clock,
    config,
    log,
    botUserId: identity.botUserId,
    wakeScheduler: () => scheduler?.wake(),
  };
  scheduler = new Scheduler({
    db: database.db,
    clock,
    log,
    handlers: buildJobHandlers(deps),
    leaseMs: config.jobs.leaseMs,
    onGiveUp: (job, error) => recordJobFailure(deps, job, error),
  });

  bootstrapAdmins(deps);
  startShiftReminderPlanning(deps);
  startSlaWatch(deps);
  const app = createSlackApp(deps, { botId: identity.botId });
  const port = await startSlackApp(app, config).catch((error: unknown) => {
    database.close();
    throw error;
  });
  if (options.runScheduler ?? true) scheduler.start();
  log.info(
    { port, mode: config.slack.appToken ? "socket" : "http", botUserId: deps.botUserId },
    "incident desk started",
  );

  const running: RunningDesk = {
    app,
    deps,
    database,
    scheduler,
    port,
    stop: async () => {
      await running.scheduler.stop();
      await app.stop();
      database.close();
    },
  };
  return running;
}
