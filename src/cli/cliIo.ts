import { existsSync } from "node:fs";

/** Where a command-line tool writes: the console in production, a list in tests. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** The bot's defaults, so the tools find the same files as `npm start` with the same environment. */
export function dataPaths(env: Record<string, string | undefined>): { databasePath: string; evidenceDir: string } {
  return {
    databasePath: env.DATABASE_PATH?.trim() || "./data/incident-desk.sqlite",
    evidenceDir: env.EVIDENCE_DIR?.trim() || "./data/evidence",
  };
}

/** `.env` in the working folder, read as `npm start` reads it. */
export function loadDotEnv(): void {
  if (existsSync(".env")) process.loadEnvFile(".env");
}
