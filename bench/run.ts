/**
 * `npm run bench`: (a) slash-command ack latency of the bot vs. a bare Bolt app, (b) intake submit → war room
 * ready, (c) peak RSS, (d) verify over a long case, (e) scheduler lag with a deep queue. Prints figures and
 * never asserts; all traffic stays on 127.0.0.1. BENCH_SECONDS (default 30) and BENCH_CASES (default 200)
 * shorten a run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSlackFake } from "../test/slack-fake/index.ts";
import { createSlackDriver } from "../test/support/slackDriver.ts";
import { type AckLoad, type AckResult, measureAckLatency } from "./ackLatency.ts";
import { benchBotEnv } from "./botEnv.ts";
import { measureSchedulerLag } from "./schedulerLag.ts";
import { bareBoltApp, compiledBot, startServerProcess } from "./serverProcess.ts";
import { type LatencySummary, summarize } from "./stats.ts";
import { measureVerify } from "./verifyChain.ts";
import { measureWarRoomLatency, type WarRoomResult } from "./warRoomLatency.ts";

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`bench: ${name} must be a whole number ≥ 1, got ${raw}`);
  return value;
}

const SECONDS = positiveInt("BENCH_SECONDS", 30);
const CASES = positiveInt("BENCH_CASES", 200);
const RATE_PER_SECOND = 50;
const WARM_UP_SECONDS = 2;
const TARGET = { ackRatio: 1.2, warRoomP99Ms: 150, verifyMs: 100, schedulerLagP99Ms: 1000 };
const VERIFY_EVENTS = 10_000;
const PENDING_JOBS = 10_000;
// 10,000 jobs over the next 60 s fall due at about 167 a second, far above the bot's real job rate.
const PENDING_WINDOW_SECONDS = 60;
const SECRET = "bench-signing-secret";
const SUBMITTER = "U0BENCH";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BOT = compiledBot(ROOT);

interface ServerFigures {
  ack: AckResult;
  peakRssAfterAckMiB: number;
}

// The bench measures the bot's own latency under a load far above Slack's tiers (views.open allows 100 a
// minute): with Slack's limits on it would measure Retry-After waits instead, so it opts out of them.
const fake = await startSlackFake({
  rateLimits: false,
  users: [{ id: SUBMITTER, name: "bench", real_name: "Bench (T&S specialist)" }],
  channels: [{ name: "ts-triage", is_private: true, members: ["UBOT", SUBMITTER] }],
});
const triageChannelId = fake.channelByName("ts-triage")?.id ?? "";
const dir = mkdtempSync(join(tmpdir(), "incident-desk-bench-"));
const slackEnv = { SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url };
const ackLoad = (port: number, seconds: number): AckLoad => ({
  port,
  fake,
  signingSecret: SECRET,
  userId: SUBMITTER,
  channelId: triageChannelId,
  ratePerSecond: RATE_PER_SECOND,
  seconds,
});

async function warmUpAndMeasure(label: string, port: number): Promise<AckResult> {
  await measureAckLatency(ackLoad(port, WARM_UP_SECONDS));
  console.log(`  ${label}: warmed up, measuring ${SECONDS} s at ${RATE_PER_SECOND} req/s`);
  return measureAckLatency(ackLoad(port, SECONDS));
}

const loadAtStart = loadavg()[0] ?? 0;
console.log(
  `Incident Desk bench: ${RATE_PER_SECOND} req/s for ${SECONDS} s per server (after ${WARM_UP_SECONDS} s warm-up), ` +
    `${CASES} SEV1 cases; Slack stand-in on ${fake.url}`,
);

let ours: ServerFigures;
let warRoom: WarRoomResult;
let oursPeakRssMiB: number;
let bare: ServerFigures;
try {
  const bot = await startServerProcess(
    "incident desk",
    ROOT,
    BOT,
    benchBotEnv({ fake, signingSecret: SECRET, triageChannelId, adminUserId: SUBMITTER, dir }),
  );
  try {
    const ack = await warmUpAndMeasure("incident desk", bot.port);
    ours = { ack, peakRssAfterAckMiB: bot.peakRssMiB() };
    console.log(`  incident desk: ${CASES} SEV1 intakes, one after another`);
    const driver = createSlackDriver({
      appUrl: `http://127.0.0.1:${bot.port}/slack/events`,
      signingSecret: SECRET,
      fake,
    });
    warRoom = await measureWarRoomLatency({
      driver,
      fake,
      userId: SUBMITTER,
      channelId: triageChannelId,
      cases: CASES,
    });
    oursPeakRssMiB = bot.peakRssMiB();
  } finally {
    await bot.stop();
  }

  const bareApp = await startServerProcess("bare Bolt app", ROOT, bareBoltApp(BOT), slackEnv);
  try {
    const ack = await warmUpAndMeasure("bare Bolt app", bareApp.port);
    bare = { ack, peakRssAfterAckMiB: bareApp.peakRssMiB() };
  } finally {
    await bareApp.stop();
  }
} finally {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "–");
const mib = (value: number) => value.toFixed(1);
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : "–");
const verdict = (met: boolean) => (met ? "met" : "MISSED");
const counts = (byReason: Record<string, number>) =>
  Object.entries(byReason)
    .map(([reason, n]) => `${reason} ×${n}`)
    .join(", ") || "none";
const latency = (summary: LatencySummary) =>
  `p50 ${ms(summary.p50)} ms, p95 ${ms(summary.p95)} ms, p99 ${ms(summary.p99)} ms, max ${ms(summary.max)} ms`;

console.log(
  `\n(a) slash-command ack latency, ${RATE_PER_SECOND} req/s paced (one request every ${1000 / RATE_PER_SECOND} ms)`,
);
for (const [label, { ack }] of [
  ["incident desk", ours],
  ["bare Bolt app", bare],
] as const) {
  console.log(`  ${label}: ${latency(ack.latency)} over ${ack.latency.count} acks (${ack.sent} sent)`);
  console.log(
    `    non-2xx ${ack.non2xx}, errors ${ack.errors}, timeouts ${ack.timeouts}; views.open ok ${ack.viewsOpened}, ` +
      `refused: ${counts(ack.viewsRefused)}; bench event-loop delay p99 ${ms(ack.benchLoopDelay.p99Ms)} ms, ` +
      `max ${ms(ack.benchLoopDelay.maxMs)} ms`,
  );
}
const p50Ratio = ours.ack.latency.p50 / bare.ack.latency.p50;
const p99Ratio = ours.ack.latency.p99 / bare.ack.latency.p99;
console.log(
  `  ours/bare: p50 ${ratio(ours.ack.latency.p50, bare.ack.latency.p50)}, ` +
    `p99 ${ratio(ours.ack.latency.p99, bare.ack.latency.p99)} (target ≤ ${TARGET.ackRatio}×)`,
);

const COLD_CASES = 3;
const warmRest = summarize(warRoom.inOrder.slice(COLD_CASES));
console.log("\n(b) intake submit → war room ready (channel created, submitter invited, summary pinned)");
console.log(
  `  ${warRoom.latency.count} of ${CASES} SEV1 cases ready; ${latency(warRoom.latency)} ` +
    `(target p99 ≤ ${TARGET.warRoomP99Ms} ms); not ready: ${counts(warRoom.failures)}`,
);
console.log(
  `  first ${COLD_CASES} cases (cold process): ${warRoom.inOrder.slice(0, COLD_CASES).map(ms).join(", ")} ms; ` +
    `the rest: ${latency(warmRest)}`,
);
console.log(
  `\n(c) peak RSS (VmHWM): incident desk ${mib(ours.peakRssAfterAckMiB)} MiB after (a), ${mib(oursPeakRssMiB)} MiB ` +
    `after (b); bare Bolt app ${mib(bare.peakRssAfterAckMiB)} MiB after (a)`,
);
const verify = await measureVerify({ events: VERIFY_EVENTS, runs: 20 });
console.log(`\n(d) /incident verify: read and re-hash a case of ${verify.events} events, 20 runs`);
console.log(
  `  ${latency(verify.latency)} (target ≤ ${TARGET.verifyMs} ms); CPU ${latency(verify.cpu)}; chain ${verify.intact ? "intact" : "BROKEN"}`,
);
console.log(
  `\n(e) scheduler lag (job due → handler started), ${PENDING_JOBS} jobs kept pending over the next ` +
    `${PENDING_WINDOW_SECONDS} s, for ${SECONDS} s`,
);
const lag = await measureSchedulerLag({
  pending: PENDING_JOBS,
  windowSeconds: PENDING_WINDOW_SECONDS,
  seconds: SECONDS,
});
console.log(`  all ${lag.all.count} jobs: ${latency(lag.all)} (target p99 ≤ ${TARGET.schedulerLagP99Ms} ms)`);
console.log(`    fell due while pending: ${lag.timed.count} jobs, ${latency(lag.timed)}`);
console.log(`    enqueued due now, then wake(): ${lag.dueNow.count} jobs, ${latency(lag.dueNow)}`);
console.log(
  `  ran ${lag.ranPerSecond.toFixed(1)} jobs/s (${lag.dueRatePerSecond.toFixed(1)}/s fell due); queue depth ` +
    `${lag.depth.min}–${lag.depth.max}; due and not done at stop ${lag.dueAtStop}; due before start (not ` +
    `counted) ${lag.dueBeforeStart}; bench event-loop delay ` +
    `p99 ${ms(lag.benchLoopDelay.p99Ms)} ms, max ${ms(lag.benchLoopDelay.maxMs)} ms`,
);
console.log(`\nload average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0]?.toFixed(2)}`);

const rows: string[][] = [
  ["", "incident desk", "bare Bolt", "ours/bare", "target"],
  [
    "ack p50 ms",
    ms(ours.ack.latency.p50),
    ms(bare.ack.latency.p50),
    ratio(ours.ack.latency.p50, bare.ack.latency.p50),
    `≤ ${TARGET.ackRatio}× ${verdict(p50Ratio <= TARGET.ackRatio)}`,
  ],
  [
    "ack p99 ms",
    ms(ours.ack.latency.p99),
    ms(bare.ack.latency.p99),
    ratio(ours.ack.latency.p99, bare.ack.latency.p99),
    `≤ ${TARGET.ackRatio}× ${verdict(p99Ratio <= TARGET.ackRatio)}`,
  ],
  ["ack max ms", ms(ours.ack.latency.max), ms(bare.ack.latency.max), "", ""],
  ["ack non-2xx/errors", `${ours.ack.non2xx}/${ours.ack.errors}`, `${bare.ack.non2xx}/${bare.ack.errors}`, "", ""],
  [
    "views.open ok/sent",
    `${ours.ack.viewsOpened}/${ours.ack.sent}`,
    `${bare.ack.viewsOpened}/${bare.ack.sent}`,
    "",
    "",
  ],
  ["war room p50 ms", ms(warRoom.latency.p50), "", "", ""],
  [
    "war room p99 ms",
    ms(warRoom.latency.p99),
    "",
    "",
    `≤ ${TARGET.warRoomP99Ms} ${verdict(warRoom.latency.p99 <= TARGET.warRoomP99Ms)}`,
  ],
  ["war room max ms", ms(warRoom.latency.max), "", "", ""],
  ["war rooms ready/cases", `${warRoom.latency.count}/${CASES}`, "", "", ""],
  ["peak RSS MiB after (a)", mib(ours.peakRssAfterAckMiB), mib(bare.peakRssAfterAckMiB), "", ""],
  ["peak RSS MiB after (b)", mib(oursPeakRssMiB), "", "", ""],
  [
    `verify ${VERIFY_EVENTS} events p99 ms`,
    ms(verify.latency.p99),
    "",
    "",
    `≤ ${TARGET.verifyMs} ${verdict(verify.latency.p99 <= TARGET.verifyMs)}`,
  ],
  ["scheduler lag p50 ms", ms(lag.all.p50), "", "", ""],
  [
    "scheduler lag p99 ms",
    ms(lag.all.p99),
    "",
    "",
    `≤ ${TARGET.schedulerLagP99Ms} ${verdict(lag.all.p99 <= TARGET.schedulerLagP99Ms)}`,
  ],
  ["scheduler lag max ms", ms(lag.all.max), "", "", ""],
  ["scheduler jobs/s", lag.ranPerSecond.toFixed(1), "", "", ""],
];
const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
console.log("");
for (const row of rows) {
  const cells = row.map((cell, column) =>
    column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
  );
  console.log(cells.join("  ").trimEnd());
}
