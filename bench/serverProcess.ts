/** A server under test as its own Node process (`node --import tsx <file>`), so its memory and CPU are its own. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { setTimeout as delay } from "node:timers/promises";

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;

export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  /** `VmHWM` of /proc/<pid>/status: the most resident memory the process has held so far. */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

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

function readPeakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`bench: no VmHWM in /proc/${pid}/status`);
  return Number(kib) / 1024;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

// Only what Node and tsx need: the rest of the environment (a developer's SLACK_* tokens) stays out.
function inherited(): Record<string, string> {
  const keep = ["PATH", "HOME", "TMPDIR"].filter((key) => process.env[key] !== undefined);
  return Object.fromEntries(keep.map((key) => [key, process.env[key] ?? ""]));
}

/**
 * Starts `file` (resolved against `cwd`, where tsx is installed) with `env` on a free port, and resolves
 * once the port accepts connections. `nodeArgs` go before the file (`--cpu-prof`, which NODE_OPTIONS refuses).
 */
export async function startServerProcess(
  name: string,
  cwd: string,
  file: string,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", file], {
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
    peakRssMiB: () => readPeakRssMiB(pid),
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
