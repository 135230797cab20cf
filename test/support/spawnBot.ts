import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
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

export interface BotExit {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The working folder it ran in, where the default ./data would have been created. */
  cwd: string;
}

/** Runs the bot until it exits (or 15 s pass); async, so a stand-in in this process can answer it. */
export function runBotToExit(env: Record<string, string | undefined>): Promise<BotExit> {
  const [cmd, args, options] = botCommand(env);
  const child = spawn(cmd, args, { ...options, stdio: ["ignore", "pipe", "pipe"], timeout: 15_000 });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, stdout, stderr, cwd: String(options.cwd) }));
  });
}
