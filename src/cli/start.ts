import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { startIncidentDesk } from "../main.ts";

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

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log.info({ signal }, "shutting down");
    desk.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "unclean shutdown");
        process.exit(1);
      },
    );
  });
}
