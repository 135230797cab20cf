/**
 * `npm run restore -- --from DIR [--to PATH] [--evidence-to DIR]`: puts a backup (DIR, or the newest backup in
 * DIR) back as the database (PATH, default DATABASE_PATH) and evidence folder (default EVIDENCE_DIR), then
 * verifies every case's chain and every evidence file's hash. Refuses while a bot holds the database, and when
 * a file of the backup differs from its manifest. Exit code 1 on any refusal or failed check.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { restoreBackup } from "../flows/backup/restoreBackup.ts";
import { type CliIo, consoleIo, dataPaths, loadDotEnv } from "./cliIo.ts";

const USAGE = "usage: npm run restore -- --from DIR [--to PATH] [--evidence-to DIR]";

export async function runRestoreCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  let args: { from: string; to?: string; evidenceTo?: string };
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { from: { type: "string" }, to: { type: "string" }, "evidence-to": { type: "string" } },
      strict: true,
      allowPositionals: false,
    });
    if (!values.from) throw new TypeError("--from is required");
    args = { from: values.from, to: values.to, evidenceTo: values["evidence-to"] };
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    io.err(`incident-desk restore: ${error.message.split("\n")[0]} ${USAGE}`);
    return 2;
  }
  const defaults = dataPaths(env);
  const outcome = await restoreBackup({
    from: resolve(args.from),
    databasePath: resolve(args.to ?? defaults.databasePath),
    evidenceDir: resolve(args.evidenceTo ?? defaults.evidenceDir),
    now: Date.now(),
  });
  if (!outcome.restored) {
    io.err(`incident-desk restore: refused: ${outcome.refusal}`);
    return 1;
  }
  const { manifest, verification: v } = outcome;
  io.out(
    `Restored ${outcome.backupPath} (taken ${manifest.takenAt} by ${manifest.tool.name} ${manifest.tool.version}, schema ${manifest.schemaVersion}).`,
  );
  if (outcome.previousDatabase) io.out(`The database that was there is kept at ${outcome.previousDatabase}.`);
  io.out(`Cases: ${v.counts.cases}, chains verified: ${v.chainsIntact}`);
  io.out(`Events: ${v.counts.events}`);
  io.out(`Evidence entries: ${v.counts.evidence}, files held: ${v.blobsHeld}, hashes verified: ${v.blobsIntact}`);
  for (const failure of v.failures) io.err(`FAILED: ${failure}`);
  if (v.failures.length > 0) {
    io.err(`FAILED: ${v.failures.length} check(s) did not pass; see above.`);
    return 1;
  }
  io.out("OK: every case chain and every evidence hash verified.");
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("src/cli/restore.ts")) {
  loadDotEnv();
  process.exitCode = await runRestoreCli(process.argv.slice(2), process.env, consoleIo);
}
