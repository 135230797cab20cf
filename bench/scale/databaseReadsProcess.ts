/**
 * The database reads timed in a process of their own, run with the bot's node flags: the bench process also hosts
 * the Slack stand-in and the HTTP clients, and its garbage (collected with node's default young generation, four
 * times the bot's) would be timed as the database's. Started by `timeDatabaseReadsApart`; prints its figures as JSON.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { openDatabase } from "../../src/store/database.ts";
import type { LatencySummary } from "../stats.ts";
import type { ScaleManifest } from "./buildDatabase.ts";
import { databaseReads, timeDatabaseReads } from "./databaseReads.ts";

interface Job {
  databasePath: string;
  manifest: ScaleManifest;
  /** The bot's environment, for the configuration its flows read (business time zone, roles). */
  env: Record<string, string>;
  runs: number;
  budgetMs: number;
}

const JOB_VARIABLE = "INCIDENT_DESK_SCALE_READS";
const SELF = fileURLToPath(import.meta.url);

/** Times every read of `databaseReads` in a child process started with `nodeFlags` (the bot's). */
export async function timeDatabaseReadsApart(
  job: Job,
  nodeFlags: readonly string[],
): Promise<Record<string, LatencySummary>> {
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, "--import", "tsx", SELF], {
    env: { ...process.env, [JOB_VARIABLE]: JSON.stringify(job) },
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout) as Record<string, LatencySummary>;
}

async function main(job: Job): Promise<void> {
  const database = openDatabase(job.databasePath);
  try {
    const now = Date.now();
    const deps = {
      db: database.db,
      clock: { now: () => now },
      config: loadConfig(job.env),
      log: createLogger("silent"),
      botUserId: "UBOT",
      wakeScheduler: () => {},
    };
    const figures = await timeDatabaseReads(databaseReads(deps, job.manifest), job.runs, job.budgetMs);
    process.stdout.write(JSON.stringify(figures));
  } finally {
    database.close();
  }
}

const job = process.env[JOB_VARIABLE];
if (job !== undefined) await main(JSON.parse(job) as Job);
