import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, loadConfig } from "../../src/config.ts";
import type { Role } from "../../src/core/permissions.ts";
import { changeRole } from "../../src/flows/roles/changeRole.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningDesk, startIncidentDesk } from "../../src/main.ts";
import { type SlackFake, startSlackFake } from "../slack-fake/index.ts";
import { FakeClock } from "./fakeClock.ts";
import { settle } from "./settle.ts";
import { createSlackDriver, type SlackDriver } from "./slackDriver.ts";
import { createSocketModeDriver } from "./socketModeDriver.ts";

export const SIGNING_SECRET = "test-signing-secret";
export const USERS = {
  specialist: "U0SPEC1",
  lead: "U0LEAD1",
  admin: "U0ADMIN",
  observer: "U0OBS01",
} as const;

export interface Harness {
  fake: SlackFake;
  desk: RunningDesk;
  driver: SlackDriver;
  clock: FakeClock;
  config: Config;
  triageChannelId: string;
  dir: string;
  baseUrl: string;
  /**
   * Runs every job due at the fake clock's time, as the scheduler would; a job that met a 429 is run
   * again after its Retry-After, moving the fake clock (see settle.ts). Planned jobs are left to the test.
   */
  settle(): Promise<number>;
  /** Stops the app (keeping the database file and the stand-in) and starts it again on the same files. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Reuse a stand-in (and its state) across harnesses; pass the clock it was started with too. */
  fake?: SlackFake;
  /** The clock of the bot and of the stand-in, when the test starts the stand-in itself. */
  clock?: FakeClock;
  dir?: string;
  /** Give USERS.specialist, lead and observer their roles at start (default true). */
  seedRoles?: boolean;
  /** Start the bot in Socket Mode (SLACK_APP_TOKEN, no signing secret): the driver then speaks over its WebSocket. */
  socketMode?: boolean;
  /** Where the bot's log lines go, at debug level, for a test that reads them (default: nowhere). */
  logTo?: { write(line: string): void };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // Rate windows and trigger expiry must move with the bot's clock, or a test's clock moves would not reach them.
  if (options.fake && !options.clock)
    throw new Error("startHarness: a shared stand-in needs the clock it measures with");
  const clock = options.clock ?? new FakeClock();
  const fake =
    options.fake ??
    (await startSlackFake({
      now: () => clock.now(),
      users: Object.entries(USERS).map(([name, id]) => ({ id, name })),
      channels: [{ name: "ts-triage", is_private: true, members: ["UBOT", USERS.specialist, USERS.lead] }],
    }));
  const triageChannelId = fake.channelByName("ts-triage")?.id ?? "";
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "incident-desk-"));
  const transport = options.socketMode ? { SLACK_APP_TOKEN: fake.appToken } : { SLACK_SIGNING_SECRET: SIGNING_SECRET };
  const config = loadConfig({
    SLACK_BOT_TOKEN: fake.botToken,
    ...transport,
    SLACK_API_URL: fake.url,
    TRIAGE_CHANNEL_ID: triageChannelId,
    ADMIN_USER_IDS: USERS.admin,
    DATABASE_PATH: join(dir, "cases.sqlite"),
    EVIDENCE_DIR: join(dir, "evidence"),
    PORT: "0",
    LOG_LEVEL: "silent",
    // On in tests, as an operator who has agreed the periods runs it; `retentionOff.test.ts` covers the default.
    RETENTION_REDACTION: "true",
    ...options.env,
  });
  const log = options.logTo ? createLogger("debug", options.logTo) : createLogger(config.logLevel);
  const start = () => startIncidentDesk(config, { clock, log, runScheduler: false });

  const driverFor = (port: number): SlackDriver =>
    options.socketMode
      ? createSocketModeDriver({ fake, now: () => clock.now() })
      : createSlackDriver({
          appUrl: `http://127.0.0.1:${port}/slack/events`,
          signingSecret: SIGNING_SECRET,
          fake,
          now: () => clock.now(),
        });

  let desk = await start();
  const harness: Harness = {
    fake,
    desk,
    driver: driverFor(desk.port),
    clock,
    config,
    triageChannelId,
    dir,
    baseUrl: `http://127.0.0.1:${desk.port}`,
    settle: () => settle(harness.desk.scheduler, harness.desk.database.db, clock),
    restart: async () => {
      await desk.stop();
      desk = await start();
      harness.desk = desk;
      harness.baseUrl = `http://127.0.0.1:${desk.port}`;
      harness.driver = driverFor(desk.port);
    },
    close: async () => {
      await desk.stop();
      if (!options.fake) await fake.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  if (options.seedRoles ?? true) {
    await grantRole(harness, USERS.specialist, "specialist");
    await grantRole(harness, USERS.lead, "lead");
    await grantRole(harness, USERS.observer, "observer");
  }
  return harness;
}

/**
 * Arrange step: `by` gives `userId` a role through the flow behind `/incident role`, with its permission checks,
 * skipping the signed request (test/slack/roles.test.ts drives the command itself).
 */
export async function grantRole(h: Harness, userId: string, role: Role, by: string = USERS.admin): Promise<void> {
  changeRole(h.desk.deps, { actor: by, target: userId, role });
}
