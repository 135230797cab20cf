/**
 * `npm run bench:scale [cases] [--quick] [--build-only]`: builds (or reuses) the scale database, then measures
 * issue 12's figures through the real bot over signed HTTP, each beside its goal. Never asserts; prints PASS/FAIL.
 * `--build-only` stops once the database is built, to fill the cache ahead of a measuring run.
 */
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSlackFake } from "../../test/slack-fake/index.ts";
import { METHODS } from "../../test/slack-fake/methods/index.ts";
import { measureAckLatency } from "../ackLatency.ts";
import { benchBotEnv } from "../botEnv.ts";
import {
  bareAppMemory,
  botMemory,
  botOldestDueJobSeconds,
  formatMemory,
  type MemoryFigures,
} from "../memoryFigures.ts";
import {
  bareBoltApp,
  compiledBot,
  type ServerProcess,
  type StartCommand,
  startServerProcess,
} from "../serverProcess.ts";
import type { LatencySummary } from "../stats.ts";
import { waitUntil } from "../waitUntil.ts";
import { buildScaleDatabase } from "./buildDatabase.ts";
import { timeDatabaseReadsApart } from "./databaseReadsProcess.ts";
import { DEFAULT_CASES } from "./scaleShape.ts";
import { type ReadFigures, repeatRead, timeAppHome, timeCommand } from "./signedReads.ts";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const cases = Number(args.find((a) => /^\d+$/.test(a)) ?? (quick ? 20_000 : DEFAULT_CASES));
const LOAD_SECONDS = quick ? 10 : 60;
// 300 samples: a p99 of 100 is their second-worst, one stray pause from failing.
const RUNS = quick ? 20 : 300;
// The database reads take a millisecond or two, so they get 1,000 samples: a p99 of 300 is the third-worst, one
// scavenge or page-cache miss apart from the median; of 1,000 the tenth, a figure a second run repeats.
const DATABASE_RUNS = quick ? 20 : 1000;
const READ_TIMEOUT_MS = 10_000;
const SLACK_LATENCY_MS = 50;
const SECRET = "bench-scale-signing-secret";
const USER = "U0BENCH";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// After start the bot runs its start-up jobs (the first start on this file sweeps every open case's SLA
// clocks); idle is measured once none is due, then after this quiet spell. V8's memory reducer collects and
// shrinks a heap that stopped allocating about 8 s later (heap/memory-reducer.cc: kLongDelayMs), so a reading at
// 8 s caught either side of it (a bare start read 116 MiB before, 98 after, 20,000-case database): 20 s is past it.
const START_UP_JOBS_TIMEOUT_MS = 120_000;
const IDLE_SETTLE_MS = 20_000;
const bot = compiledBot(ROOT);

const built = buildScaleDatabase(cases);
const { manifest } = built;
console.log(
  `scale database: ${cases.toLocaleString("en")} cases, ${manifest.written.events.toLocaleString("en")} events, ` +
    `${manifest.written.decisions.toLocaleString("en")} decisions; ${built.reused ? "reused" : "built"} in ` +
    `${manifest.buildSeconds.toFixed(1)} s (${built.path})`,
);
if (args.includes("--build-only")) process.exit(0);

const fake = await startSlackFake({
  rateLimits: false,
  users: [{ id: USER, name: "bench", real_name: "Bench (T&S lead)" }],
  channels: [{ name: "ts-triage", is_private: true, members: ["UBOT", USER] }],
});
const triage = fake.channelByName("ts-triage")?.id ?? "";
const dir = mkdtempSync(join(tmpdir(), "incident-desk-scale-"));
const botEnv = (databasePath: string) =>
  benchBotEnv({ fake, signingSecret: SECRET, triageChannelId: triage, adminUserId: USER, dir, databasePath });

function flushToDisk(path: string): void {
  const fd = openSync(path, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Spawn to the first 200 from /healthz. */
async function startHealthy(name: string, command: StartCommand, env: Record<string, string>) {
  const started = performance.now();
  const server = await startServerProcess(name, ROOT, command, env);
  const healthy = () =>
    fetch(`http://127.0.0.1:${server.port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
  while (!(await healthy())) await new Promise((r) => setTimeout(r, 20));
  return { server, startMs: performance.now() - started };
}

/** Waits for the bot's start-up jobs to drain (at most START_UP_JOBS_TIMEOUT_MS), then a quiet spell. */
async function idleBot(server: ServerProcess): Promise<{ figures: MemoryFigures; drained: boolean }> {
  let drained = false;
  for (const deadline = Date.now() + START_UP_JOBS_TIMEOUT_MS; !drained && Date.now() < deadline; ) {
    drained = (await botOldestDueJobSeconds(server)) === 0;
    if (!drained) await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
  return { figures: await botMemory(server), drained };
}

/** The peak since the last reset, with the heap as it stands at the end of the phase. */
async function peakOf(server: ServerProcess, read: (server: ServerProcess) => Promise<MemoryFigures>) {
  const peakMiB = server.peakRssMiB();
  return { figures: await read(server), peakMiB };
}

const loadOn = (port: number) =>
  measureAckLatency({
    port,
    fake,
    signingSecret: SECRET,
    userId: USER,
    channelId: triage,
    ratePerSecond: 50,
    seconds: LOAD_SECONDS,
  });

const results: Array<[string, string, string, boolean | undefined]> = [];
const memoryRows: Array<[string, string]> = [];
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : "–");
const row = (name: string, figure: string, goal: string, met?: boolean) => results.push([name, figure, goal, met]);
const readRow = (name: string, http: ReadFigures | undefined, db: LatencySummary | undefined, goalMs = 20) => {
  const dbText = db ? `db p50 ${ms(db.p50)} p99 ${ms(db.p99)}` : "db –";
  const httpText = !http
    ? "no command"
    : http.timeouts > 0
      ? `timeout (>${READ_TIMEOUT_MS / 1000} s)`
      : `p50 ${ms(http.latency.p50)} p99 ${ms(http.latency.p99)}${http.failures ? `, ${http.failures} failed` : ""}`;
  const dbMet = !db || db.p99 <= 5 || goalMs > 20;
  // A read with no command of its own (SLA at risk, inside App Home) is judged by its database time alone.
  const met = http ? http.timeouts === 0 && http.latency.p99 <= goalMs && dbMet : db !== undefined && dbMet;
  const goal = goalMs > 20 ? `≤ ${goalMs} ms` : http ? "≤ 20 ms e2e, ≤ 5 ms db" : "≤ 5 ms db";
  row(name, `${httpText}; ${dbText}`, goal, met);
};

try {
  const empty = await startHealthy("bot, empty DB", bot, botEnv(join(dir, "empty.sqlite")));
  await empty.server.stop();
  row("start to healthy, empty DB", ms(empty.startMs), "≤ 1500 ms", empty.startMs <= 1500);

  // The bot writes (jobs, watch rows): it runs on a copy so the cached file stays as built.
  const copy = join(dir, "scale.sqlite");
  copyFileSync(built.path, copy);
  // The copy's gigabytes are written back to disk for a minute after the copy returns; reads measured meanwhile
  // would time the bench's own writeback. Flushed first, so the reads meet the disk as a running bot does.
  flushToDisk(copy);
  const big = await startHealthy("bot, scale DB", bot, botEnv(copy));
  row(`start to healthy, ${cases.toLocaleString("en")} cases`, ms(big.startMs), "≤ 1500 ms", big.startMs <= 1500);
  try {
    const idle = await idleBot(big.server);
    memoryRows.push([`bot idle${idle.drained ? "" : " (start-up jobs still due)"}`, formatMemory(idle.figures)]);
    big.server.resetPeakRss();
    const target = {
      port: big.server.port,
      fake,
      signingSecret: SECRET,
      userId: USER,
      channelId: triage,
      timeoutMs: READ_TIMEOUT_MS,
    };
    const command = (text: string) => repeatRead(RUNS, () => timeCommand(target, text));
    const db = await timeDatabaseReadsApart(
      { databasePath: copy, manifest, env: botEnv(copy), runs: DATABASE_RUNS, budgetMs: 30_000 },
      bot.nodeFlags,
    );
    const year = new Date().getUTCFullYear() - 1;
    readRow("/incident list", await command("list"), db.list);
    readRow("status <id>", await command(`status ${manifest.sampleOpenCase}`), db.status);
    readRow("search <text>", await command(`search ${manifest.searchWord}`), db.search);
    readRow("search <case id>", await command(`search ${manifest.sampleOpenCase}`), db["search by id"]);
    readRow("timeline (long case, 15 shown)", await command(`timeline ${manifest.longCase}`), db.timeline);
    readRow("evidence list", await command(`evidence list ${manifest.sampleOpenCase}`), db["evidence list"]);
    readRow(
      "App Home (app_home_opened → views.publish)",
      await repeatRead(RUNS, () => timeAppHome(target)),
      db["App Home"],
    );
    readRow("SLA at risk (shown in App Home; no command)", undefined, db["SLA at risk"]);
    readRow(
      `account history and strikes (status of ${manifest.heavyAccount.decisions}-decision account)`,
      await command(`status ${manifest.heavyAccount.openCase}`),
      db["account history and strikes"],
    );
    readRow("on-call", await command("oncall"), db["on-call"]);
    readRow("verify 10,000-event case", await command(`verify ${manifest.longCase}`), db["verify 10,000 events"], 100);
    const uploadsBefore = fake.callsTo("files.completeUploadExternal").length;
    const exportStarted = performance.now();
    const exportAck = await timeCommand(target, `export decisions ${year}-01-01 ${year}-12-31`);
    const uploaded = await waitUntil(
      () => fake.callsTo("files.completeUploadExternal").length > uploadsBefore,
      60_000,
      20,
    );
    const exportBuild = performance.now() - exportStarted;
    row(
      `export ${year} ack`,
      typeof exportAck === "number" ? ms(exportAck) : exportAck,
      "≤ 20 ms",
      typeof exportAck === "number" && exportAck <= 20,
    );
    const built = db["export one year"];
    row(
      `export ${year} built (both files written; the job's build, in process)`,
      built ? `p50 ${ms(built.p50)} p99 ${ms(built.p99)} over ${built.count} builds` : "–",
      "≤ 300 ms",
      built !== undefined && built.p99 <= 300,
    );
    row(
      `export ${year} asked → both files shared (progress message, build, uploads to the stand-in)`,
      uploaded ? ms(exportBuild) : "timeout",
      "the build's 300 ms + the uploads",
    );
    const reads = await peakOf(big.server, botMemory);
    memoryRows.push(["bot peak over the reads and export", formatMemory(reads.figures, reads.peakMiB)]);
    big.server.resetPeakRss();

    for (const method of Object.keys(METHODS))
      fake.inject(method, { delayMs: SLACK_LATENCY_MS, times: Number.POSITIVE_INFINITY });
    const load = await loadOn(big.server.port);
    fake.clearFaults();
    const loaded = await peakOf(big.server, botMemory);
    memoryRows.push(["bot peak under the intake load", formatMemory(loaded.figures, loaded.peakMiB)]);
    row(
      `/incident → intake form ack, 50/s for ${LOAD_SECONDS} s, Slack 50 ms`,
      `p50 ${ms(load.latency.p50)} p99 ${ms(load.latency.p99)}; unanswered ${load.sent - load.latency.count} ` +
        `(errors ${load.errors}, timeouts ${load.timeouts}, non-2xx ${load.non2xx})`,
      "p99 ≤ 100 ms",
      load.latency.p99 <= 100,
    );
    row(
      "RSS idle / peak under load (bot)",
      `${idle.figures.rssMiB.toFixed(0)} / ${loaded.peakMiB.toFixed(0)} MiB`,
      "≤ 120 / ≤ 200 MiB",
      idle.drained && idle.figures.rssMiB <= 120 && loaded.peakMiB <= 200,
    );
  } finally {
    await big.server.stop();
  }

  // The bare app has no /healthz: listening is as ready as it gets.
  const bare = await startServerProcess("bare Bolt app", ROOT, bareBoltApp(bot), {
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
  });
  try {
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    const idle = await bareAppMemory(bare);
    memoryRows.push(["bare Bolt idle", formatMemory(idle)]);
    bare.resetPeakRss();
    for (const method of Object.keys(METHODS))
      fake.inject(method, { delayMs: SLACK_LATENCY_MS, times: Number.POSITIVE_INFINITY });
    await loadOn(bare.port);
    fake.clearFaults();
    const loaded = await peakOf(bare, bareAppMemory);
    memoryRows.push(["bare Bolt peak under the intake load", formatMemory(loaded.figures, loaded.peakMiB)]);
    row(
      "RSS idle / peak under load (bare Bolt, same run)",
      `${idle.rssMiB.toFixed(0)} / ${loaded.peakMiB.toFixed(0)} MiB`,
      "baseline",
    );
  } finally {
    await bare.stop();
  }
} finally {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}

const width = Math.max(...results.map(([name]) => name.length));
for (const [name, figure, goal, met] of results) {
  const verdict = met === undefined ? "" : met ? "PASS" : "FAIL";
  console.log(`${name.padEnd(width)}  ${figure}  [goal ${goal}] ${verdict}`);
}
console.log(
  `\nmemory (RSS; heap and external as the process reports them at the end of the phase), node ${bot.nodeFlags.join(" ")}`,
);
const memoryWidth = Math.max(...memoryRows.map(([name]) => name.length));
for (const [name, figures] of memoryRows) console.log(`  ${name.padEnd(memoryWidth)}  ${figures}`);
