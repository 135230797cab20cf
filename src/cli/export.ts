/**
 * `npm run export -- --from 2026-01-01 --to 2026-12-31 [--out ./exports]`: the decisions of a date range
 * as the same JSON and CSV files `/incident export decisions` uploads, written from the database file.
 * It needs no Slack settings, so it reads only DATABASE_PATH (from the environment or `.env`, as the bot
 * does, with the bot's default), not loadConfig.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { leftOutNote, parseExportRange } from "../core/decisionExport.ts";
import { DomainError } from "../core/domainError.ts";
import { buildDecisionExport } from "../flows/sanctions/buildDecisionExport.ts";
import { inPrivateFolder } from "../flows/sanctions/inPrivateFolder.ts";
import { openDatabase } from "../store/database.ts";

const USAGE = "usage: npm run export -- --from YYYY-MM-DD --to YYYY-MM-DD [--out ./exports]";
const DEFAULT_DATABASE_PATH = "./data/incident-desk.sqlite";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs the export; resolves to the process exit code (2 for bad arguments). */
export async function runExportCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  let range: ReturnType<typeof parseExportRange>;
  let outDir: string;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { from: { type: "string" }, to: { type: "string" }, out: { type: "string", default: "./exports" } },
      strict: true,
      allowPositionals: false,
    });
    range = parseExportRange(values.from, values.to);
    outDir = resolve(values.out);
  } catch (error) {
    const why = error instanceof DomainError || error instanceof TypeError ? error.message : String(error);
    io.err(`incident-desk export: ${why.split("\n")[0]} ${USAGE}`);
    return 2;
  }
  const databasePath = env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH;
  // Opening would create an empty database: say where none was found instead.
  if (!existsSync(databasePath)) {
    io.err(`incident-desk export: no database at ${databasePath} (set DATABASE_PATH)`);
    return 1;
  }
  const database = openDatabase(databasePath);
  const createdOutDir = mkdirSync(outDir, { recursive: true });
  try {
    // Written as the bot writes them, in a private folder beside their place: a file appears whole or not at all.
    const built = await inPrivateFolder(outDir, async (folder) => {
      const built = await buildDecisionExport(database.db, range, folder);
      for (const file of built.files) renameSync(file.path, join(outDir, file.filename));
      return built;
    });
    const leftOut = leftOutNote(built.leftOut);
    if (built.count === 0) {
      if (createdOutDir !== undefined) rmSync(createdOutDir, { recursive: true });
      io.out(`No statements of reasons from ${range.from} to ${range.to}: no files written.`);
      if (leftOut) io.out(leftOut);
      return 0;
    }
    for (const file of built.files) io.out(join(outDir, file.filename));
    if (leftOut) io.out(leftOut);
    return 0;
  } finally {
    database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("src/cli/export.ts")) {
  if (existsSync(".env")) process.loadEnvFile(".env");
  process.exitCode = await runExportCli(process.argv.slice(2), process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
