import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = new URL("../..", import.meta.url).pathname;
const MAIN = join(ROOT, "src/main.ts");
// tsx's ESM loader, by absolute URL, so the bot can run from a scratch folder with no .env in it.
const TSX_LOADER = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/loader.mjs"),
).href;

/** `npm start` as an operator runs it, but in an empty working folder and with only the given environment. */
function botCommand(env: Record<string, string | undefined>): [string, string[], SpawnOptions] {
  return [
    process.execPath,
    ["--import", TSX_LOADER, MAIN],
    { cwd: mkdtempSync(join(tmpdir(), "incident-desk-cwd-")), env: { PATH: process.env.PATH, ...env } },
  ];
}

export function spawnBot(env: Record<string, string | undefined>): ChildProcess {
  const [cmd, args, options] = botCommand(env);
  return spawn(cmd, args, { ...options, stdio: "ignore" });
}

export function runBotToExit(env: Record<string, string | undefined>): { status: number | null; stderr: string } {
  const [cmd, args, options] = botCommand(env);
  const run = spawnSync(cmd, args, { ...options, encoding: "utf8", timeout: 15_000 });
  return { status: run.status, stderr: run.stderr };
}
