import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { SHUTDOWN_GRACE_MS, startIncidentDesk } from "../main.ts";

if (existsSync(".env")) process.loadEnvFile(".env");

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(
    `incident-desk: ${error.message}. Copy .env.example to .env and fill it in, or run \`npm run demo\` to try the bot without Slack.`,
  );
  process.exit(1);
}

const log = createLogger(config.logLevel);
const desk = await startIncidentDesk(config, { log }).catch((error: unknown) => {
  // Slack refused a configured value (token, channel, API URL): the operator needs that line, not a stack.
  if (error instanceof ConfigError) console.error(`incident-desk: ${error.message}.`);
  else log.fatal({ err: error }, "could not start");
  process.exit(1);
});

// Past the stop's own grace (jobs, requests) and the checkpoint; under systemd's TimeoutStopSec (docs/operations.md).
const SHUTDOWN_DEADLINE_MS = SHUTDOWN_GRACE_MS + 10_000;
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
let stopping = false;

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // An operator who asks twice wants the process gone now: leased jobs run again at the next start.
    if (stopping) {
      log.warn({ signal }, "second signal: exiting without finishing the stop");
      process.exit(SIGNAL_EXIT_CODES[signal]);
    }
    stopping = true;
    log.info({ signal, graceMs: SHUTDOWN_GRACE_MS }, "shutting down");
    setTimeout(() => {
      log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, "shutdown did not finish in time; exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    desk.stop().then(
      () => {
        log.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "unclean shutdown");
        process.exit(1);
      },
    );
  });
}
