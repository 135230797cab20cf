import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bareAppMemory, botMemory } from "../../bench/memoryFigures.ts";
import { bareBoltApp, compiledBot, type ServerProcess, startServerProcess } from "../../bench/serverProcess.ts";
import { type SlackFake, startSlackFake } from "../slack-fake/index.ts";
import { SIGNING_SECRET } from "../support/harness.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

/** The words of `npm start` after `node`, as package.json spells them. */
const npmStartArgs = () =>
  (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start
    .trim()
    .split(/\s+/)
    .slice(1);

/** The command line a process runs, as the kernel has it. */
const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);

describe("the benchmarks' server processes", () => {
  let fake: SlackFake;
  let dir: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    fake = await startSlackFake({ channels: [{ name: "ts-triage", is_private: true, members: ["UBOT"] }] });
    dir = mkdtempSync(join(tmpdir(), "incident-desk-bench-process-"));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("runs the bot as npm start does: plain node, npm start's flags, the compiled entry, no TypeScript loader", async () => {
    const bot = await startServerProcess("bot", ROOT, compiledBot(ROOT), {
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      TRIAGE_CHANNEL_ID: fake.channelByName("ts-triage")?.id ?? "",
      DATABASE_PATH: join(dir, "cases.sqlite"),
      EVIDENCE_DIR: join(dir, "evidence"),
      LOG_LEVEL: "silent",
    });
    servers.push(bot);

    const [node, ...args] = commandLine(bot.pid);
    expect(node).toBe(process.execPath);
    expect(args).toEqual(npmStartArgs());
    expect(args.join(" ")).not.toMatch(/tsx|\.ts\b/);

    const memory = await botMemory(bot);
    expect(memory.heapUsedMiB).toBeGreaterThan(0);
    expect(memory.heapUsedMiB).toBeLessThanOrEqual(memory.heapTotalMiB);
    expect(memory.heapTotalMiB).toBeLessThan(memory.rssMiB);
  });

  it("runs the bare Bolt app as plain JavaScript with the bot's node flags, and reads its heap", async () => {
    const bare = await startServerProcess("bare Bolt app", ROOT, bareBoltApp(compiledBot(ROOT)), {
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
    });
    servers.push(bare);

    const [node, ...args] = commandLine(bare.pid);
    expect(node).toBe(process.execPath);
    expect(args).toEqual([...npmStartArgs().slice(0, -1), "bench/bareBoltApp.js"]);

    const memory = await bareAppMemory(bare);
    expect(memory.heapUsedMiB).toBeGreaterThan(0);
    expect(memory.heapUsedMiB).toBeLessThanOrEqual(memory.heapTotalMiB);
    expect(memory.heapTotalMiB).toBeLessThan(memory.rssMiB);
  });

  it("starts a peak over from the RSS of now, so that each phase's peak is its own", () => {
    const [server] = servers;
    if (!server) throw new Error("no server started");
    // The start's peak (module loading, migrations) lies MiBs above what the idle process holds.
    server.resetPeakRss();
    expect(Math.abs(server.peakRssMiB() - server.rssMiB())).toBeLessThan(2);
  });

  it("refuses to run a TypeScript file, which production never runs", async () => {
    await expect(
      startServerProcess("bot", ROOT, { nodeFlags: [], entry: "src/cli/start.ts" }, { LOG_LEVEL: "silent" }),
    ).rejects.toThrow(/must run as JavaScript/);
  });
});
