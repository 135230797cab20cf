import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { compiledCli } from "./compiledBuild.ts";

/** What `npm start` runs once `npm run build` (or `npm ci`) has compiled the sources; see compiledBuild.ts. */
export const COMPILED_MAIN = compiledCli("start");
// Keeps the end of a chatty run: what led up to a failure is at the end.
const MAX_OUTPUT_CHARS = 200_000;

/**
 * `npm start` as an operator runs it (plain node on the compiled dist/, built by the tests' global setup), but
 * in an empty working folder and with only the given environment.
 */
function botCommand(env: Record<string, string | undefined>): [string, string[], SpawnOptions] {
  return [
    process.execPath,
    [COMPILED_MAIN],
    { cwd: mkdtempSync(join(tmpdir(), "incident-desk-cwd-")), env: { PATH: process.env.PATH, ...env } },
  ];
}

/** The bot as a child process, with what it wrote to stdout and stderr kept for a failing test to show. */
export interface SpawnedBot {
  child: ChildProcess;
  output(): string;
  /** Resolves once the process is gone, with how it ended. */
  exited: Promise<string>;
}

export function spawnBot(env: Record<string, string | undefined>): SpawnedBot {
  const [cmd, args, options] = botCommand(env);
  const child = spawn(cmd, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-MAX_OUTPUT_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with code ${code}`)),
  );
  return { child, output: () => output, exited };
}

/**
 * Polls /healthz until the bot answers 200. Start-up of the compiled bot is about a second, longer on a busy
 * 2-core machine; `boundMs` only caps a bot that never comes up, and a bot that exits fails at once.
 */
export async function untilHealthy(bot: SpawnedBot, port: number, boundMs: number): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (Date.now() < deadline) {
    const { exitCode, signalCode } = bot.child;
    if (exitCode !== null || signalCode !== null) {
      throw new Error(`the bot ended (${signalCode ?? exitCode}) before answering /healthz:\n${bot.output()}`);
    }
    if (await answersHealthz(port)) return;
    await delay(100);
  }
  throw new Error(`the bot did not answer /healthz within ${boundMs} ms:\n${bot.output()}`);
}

async function answersHealthz(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  } catch (error) {
    // Nothing listening yet is what start-up looks like; anything else is a real fault.
    if (error instanceof TypeError) return false;
    throw error;
  }
}

export interface BotExit {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The working folder it ran in, where the default ./data would have been created. */
  cwd: string;
}

/**
 * Runs the bot until it exits (or 50 s pass: a guard against a hang, far above the few seconds a start takes even
 * on a busy machine); async, so a stand-in in this process can answer it.
 */
export function runBotToExit(env: Record<string, string | undefined>): Promise<BotExit> {
  const [cmd, args, options] = botCommand(env);
  const child = spawn(cmd, args, { ...options, stdio: ["ignore", "pipe", "pipe"], timeout: 50_000 });
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

/** A port free on 127.0.0.1 now, for a bot that must come back on the same port after a restart. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
