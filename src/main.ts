import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { App } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { checkSlackSetup } from "./checkSlackSetup.ts";
import { type Clock, systemClock } from "./clock.ts";
import { type Config, ConfigError } from "./config.ts";
import { startBackupSchedule } from "./flows/backup/scheduledBackup.ts";
import { recordJobFailure } from "./flows/cases/recordJobFailure.ts";
import { startShiftReminderPlanning } from "./flows/onCall/shiftReminders.ts";
import { startWeeklyReportSchedule } from "./flows/reports/weeklyReport.ts";
import { startRetentionPlanning } from "./flows/retention/planRetention.ts";
import { bootstrapAdmins } from "./flows/roles/changeRole.ts";
import { startDecisionTextsPass } from "./flows/sanctions/storeDecisionTexts.ts";
import { startSlaWatch } from "./flows/sla/slaReminders.ts";
import { createLogger, type Logger } from "./log.ts";
import { DeskMetrics } from "./operations/deskMetrics.ts";
import { operationsRoutes } from "./operations/operationsRoutes.ts";
import { Readiness } from "./operations/readiness.ts";
import { Scheduler } from "./scheduler/scheduler.ts";
import { settlesWithin } from "./settlesWithin.ts";
import { createSlackApp } from "./slack/app.ts";
import { boltLogger } from "./slack/boltLogger.ts";
import { jobSlackCallTimeoutMs } from "./slack/callTimeouts.ts";
import { buildJobHandlers, buildPacing } from "./slack/jobs/index.ts";
import type { SlackDeps } from "./slack/slackDeps.ts";
import { startSlackApp } from "./slack/startSlackApp.ts";
import { type DatabaseHandle, observeWriteTransactions, openDatabase } from "./store/database.ts";
import { holdDatabase } from "./store/databaseHold.ts";
import { checkpointInBackground } from "./store/walCheckpoints.ts";
import { zendeskRoutes } from "./zendesk/zendeskWebhookRoute.ts";

/**
 * How long a stop waits for running jobs and open requests. Past it, a job keeps its lease (it runs again at
 * the next start, once the lease ends) and open connections are cut (Slack retries an unanswered event).
 */
export const SHUTDOWN_GRACE_MS = 10_000;

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
  /** Stops taking requests, lets running jobs finish (at most SHUTDOWN_GRACE_MS), checkpoints and closes the database. */
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

  const metrics = new DeskMetrics(config.slack.apiUrl);
  // Jobs see every Slack failure themselves: no silent client retries, 429s surface with Retry-After. A call
  // that hangs is given up at half the job's lease, so the attempt fails and retries before the lease could
  // let a second worker run the same job beside it.
  const slack = new WebClient(config.slack.botToken, {
    fetch: metrics.slackFetch,
    slackApiUrl: config.slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: jobSlackCallTimeoutMs(config.jobs.leaseMs),
    logger: boltLogger(log),
  });
  // Before the data folder or database exists, so a wrong token or channel leaves nothing behind.
  const identity = await checkSlackSetup(slack, config);
  const authCheckedAt = clock.now();
  mkdirSync(dirname(config.db.path), { recursive: true });
  // Held until stop: `npm run restore` refuses while any bot holds the database (see databaseHold.ts).
  const hold = holdDatabase(config.db.path);
  if (!hold) throw new ConfigError(`${config.db.path} is being restored (npm run restore holds it); start again after`);
  const database = openDatabase(config.db.path);
  observeWriteTransactions(database.db, (ms) => metrics.writeTransactionTook(ms));
  const checkpoints = checkpointInBackground(database.sqlite, config.db.path, (report) => {
    if (report.kind === "failed") log.warn({ reason: report.message }, "WAL checkpoint failed");
    else log.debug(report, `WAL checkpoint worker: ${report.kind}`);
  });

  let scheduler: Scheduler | undefined;
  const deps: SlackDeps = {
    db: database.db,
    slack,
    metrics,
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
    pacing: buildPacing(deps),
    leaseMs: config.jobs.leaseMs,
    onGiveUp: (job, error) => recordJobFailure(deps, job, error),
  });

  bootstrapAdmins(deps);
  startShiftReminderPlanning(deps);
  startSlaWatch(deps);
  startRetentionPlanning(deps);
  startDecisionTextsPass(deps);
  startBackupSchedule(deps);
  startWeeklyReportSchedule(deps);
  const readiness = new Readiness({ deps, slack, scheduler }, authCheckedAt);
  const app = createSlackApp(deps, { botId: identity.botId }, [
    ...operationsRoutes(readiness, metrics, deps),
    ...zendeskRoutes(deps),
  ]);
  const { port, server } = await startSlackApp(app, config).catch(async (error: unknown) => {
    await checkpoints.stop();
    database.close();
    hold.release();
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
      const requestsAnswered = app.stop();
      const [jobsFinished, answered] = await Promise.all([
        running.scheduler.stop(SHUTDOWN_GRACE_MS),
        settlesWithin(requestsAnswered, SHUTDOWN_GRACE_MS),
      ]);
      if (!jobsFinished)
        log.warn({ graceMs: SHUTDOWN_GRACE_MS }, "jobs still running at stop; their leases will lapse");
      if (!answered) {
        log.warn({ graceMs: SHUTDOWN_GRACE_MS }, "requests still open at stop; closing their connections");
        server?.closeAllConnections();
        await requestsAnswered;
      }
      await checkpoints.stop();
      database.close();
      hold.release();
    },
  };
  return running;
}
