/**
 * A server under test as its own Node process, so its memory and CPU are its own, run as production runs the
 * bot: plain `node` on JavaScript with the flags of `npm start`, never through a TypeScript loader (tsx and
 * esbuild add tens of MiB and seconds of start that `node dist/...` does not pay).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import buildOnce from "../test/support/compiledBuild.ts";

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;

export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  /** `VmRSS` of /proc/<pid>/status: the memory the process holds now. */
  rssMiB(): number;
  /** `VmHWM` of /proc/<pid>/status: the most resident memory the process has held since start or resetPeakRss. */
  peakRssMiB(): number;
  /** Starts the peak over from the RSS of now, so the next peakRssMiB is one phase's own. */
  resetPeakRss(): void;
  stop(): Promise<void>;
}

/** How `npm start` runs node: its flags (V8 heap sizes) and the compiled entry, read from package.json. */
export interface StartCommand {
  nodeFlags: string[];
  entry: string;
}

export function startCommand(root: string): StartCommand {
  const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts;
  const words = (scripts.start ?? "").trim().split(/\s+/);
  const entry = words.at(-1) ?? "";
  const nodeFlags = words.slice(1, -1);
  if (words[0] !== "node" || !entry.endsWith(".js") || nodeFlags.some((flag) => !flag.startsWith("--"))) {
    throw new Error(`bench: expected npm start to be "node [--flag ...] <file>.js", found "${scripts.start}"`);
  }
  return { nodeFlags, entry };
}

/** The bot as `npm start` runs it, with dist/ rebuilt first when a source is newer (as the tests do). */
export function compiledBot(root: string): StartCommand {
  buildOnce();
  return startCommand(root);
}

/** The baseline Bolt app with the bot's node flags, so the difference between the two is the bot's own cost. */
export const bareBoltApp = (bot: StartCommand): StartCommand => ({
  nodeFlags: bot.nodeFlags,
  entry: "bench/bareBoltApp.js",
});

/** A port free on 127.0.0.1 now; the child binds it a moment later. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("bench: could not find a free port");
  return address.port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function readStatusMiB(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, "m").exec(status)?.[1];
  if (kib === undefined) throw new Error(`bench: no ${field} in /proc/${pid}/status`);
  return Number(kib) / 1024;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

// Only what Node needs: the rest of the environment (a developer's SLACK_* tokens) stays out.
function inherited(): Record<string, string> {
  const keep = ["PATH", "HOME", "TMPDIR"].filter((key) => process.env[key] !== undefined);
  return Object.fromEntries(keep.map((key) => [key, process.env[key] ?? ""]));
}

/**
 * Starts `node <nodeArgs> <nodeFlags> <file>` (a JavaScript file, resolved against `cwd`) with `env` on a free port,
 * and resolves once the port accepts connections. `nodeArgs` are the bench's own (`--cpu-prof`, which NODE_OPTIONS
 * refuses).
 */
export async function startServerProcess(
  name: string,
  cwd: string,
  { nodeFlags, entry: file }: StartCommand,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  if (!file.endsWith(".js")) throw new Error(`bench: ${name} must run as JavaScript, as production does: ${file}`);
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, ...nodeFlags, file], {
    cwd,
    env: { ...inherited(), ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keepTail = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", keepTail);
  child.stderr?.on("data", keepTail);
  let stopping = false;
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`bench: ${name} exited early (code ${code}, signal ${signal})\n${output}`);
  });

  const pid = child.pid;
  if (pid === undefined) throw new Error(`bench: could not start ${name}`);
  for (const deadline = Date.now() + START_TIMEOUT_MS; !(await accepts(port)); await delay(50)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`bench: ${name} did not start listening on ${port}\n${output}`);
    }
  }

  return {
    pid,
    port,
    rssMiB: () => readStatusMiB(pid, "VmRSS"),
    peakRssMiB: () => readStatusMiB(pid, "VmHWM"),
    // "5" resets the peak to the current RSS (proc(5), /proc/[pid]/clear_refs, Linux 4.0+).
    resetPeakRss: () => writeFileSync(`/proc/${pid}/clear_refs`, "5"),
    async stop() {
      stopping = true;
      child.kill("SIGTERM");
      const timedOut = await Promise.race([exited(child).then(() => false), delay(STOP_TIMEOUT_MS).then(() => true)]);
      if (timedOut) {
        child.kill("SIGKILL");
        await exited(child);
      }
    },
  };
}
