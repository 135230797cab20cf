/**
 * `npx tsx bench/intakeBurst.ts`: issue 12's intake goal. SEV1 intake submissions, signed, at 50 a second for
 * 60 s while the Slack stand-in (Slack's rate tiers on) answers each Web API call after 50 ms; then as many
 * as the bot takes in 10 s from 32 submitters at once. Prints ack p50/p99, acks over 3 s, unanswered, intakes
 * a second recorded, war rooms opened and the 429s Slack sent. BENCH_SECONDS shortens the paced phase;
 * BENCH_CPU_PROF=<dir> writes the bot's CPU profile there (node --cpu-prof) when it stops.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { startSlackFake } from "../test/slack-fake/index.ts";
import { METHODS } from "../test/slack-fake/methods/index.ts";
import { createSlackDriver, type SlackDriver } from "../test/support/slackDriver.ts";
import { benchBotEnv } from "./botEnv.ts";
import { sliceReportOf } from "./cpuProfileSlices.ts";
import { compiledBot, startServerProcess } from "./serverProcess.ts";
import { summarize } from "./stats.ts";
import { waitUntil } from "./waitUntil.ts";
import { accepted, submitSev1 } from "./warRoomLatency.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RATE_PER_SECOND = 50;
const SLACK_LATENCY_MS = 50;
const FLOOD_SECONDS = 10;
const FLOOD_SUBMITTERS = 32;
// Slack gives up on an ack after 3 s; a request still unanswered after 10 s counts as never answered.
const SLACK_ACK_DEADLINE_MS = 3_000;
const UNANSWERED_AFTER_MS = 10_000;
const SECRET = "bench-signing-secret";
const SUBMITTER = "U0BENCH";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BOT = compiledBot(ROOT);

interface Submission {
  ms: number;
  ok: boolean;
}

const fake = await startSlackFake({
  users: [{ id: SUBMITTER, name: "bench", real_name: "Bench (T&S specialist)" }],
  channels: [{ name: "ts-triage", is_private: true, members: ["UBOT", SUBMITTER] }],
});
// Opening thousands of intake modals beforehand is the bench's setup, not the load: views.open is unlimited.
fake.setRateLimit("views.open", { perMinute: Number.MAX_SAFE_INTEGER });
const triageChannelId = fake.channelByName("ts-triage")?.id ?? "";
const dir = mkdtempSync(join(tmpdir(), "incident-desk-burst-"));

/** The bot's write transactions so far: how many, and how many held the loop over 5 ms (a bucket bound). */
function writeTransactions(text: string): { count: number; over5ms: number } {
  const value = (pattern: string) => Number(new RegExp(`^${pattern} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
  const count = value("incident_desk_db_write_transaction_seconds_count");
  return { count, over5ms: count - value('incident_desk_db_write_transaction_seconds_bucket\\{le="0.005"\\}') };
}

/**
 * The bot's own event-loop delay since the previous scrape (prom-client resets its histogram at each), and its
 * write transactions since the scrape before.
 */
let transactionsBefore = { count: 0, over5ms: 0 };
/** prom-client's eventLoopMonitoringPrecision, which the bot leaves at its default. */
const LOOP_MONITOR_TICK_MS = 10;
async function botLoopDelay(port: number): Promise<string> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const transactions = writeTransactions(text);
  const [count, over5ms] = [
    transactions.count - transactionsBefore.count,
    transactions.over5ms - transactionsBefore.over5ms,
  ];
  transactionsBefore = transactions;
  // Node's monitor records the time between its timer's runs, tick included (prom-client's default tick 10 ms):
  // the delay is what lies beyond the tick.
  const ms = (stat: string) => {
    const value = new RegExp(`^incident_desk_nodejs_eventloop_lag_${stat}_seconds (\\S+)$`, "m").exec(text)?.[1];
    return value === undefined ? "?" : Math.max(0, Number(value) * 1000 - LOOP_MONITOR_TICK_MS).toFixed(1);
  };
  return `p50 ${ms("p50")} ms, p99 ${ms("p99")} ms, max ${ms("max")} ms; write transactions ${count}, over 5 ms ${over5ms}`;
}

/** Opens `count` intake modals through `/incident`, a few at a time, and returns their view ids. */
async function openIntakeModals(driver: SlackDriver, count: number): Promise<string[]> {
  const before = new Set(fake.views().map((view) => view.id));
  for (let opened = 0; opened < count; opened += 20) {
    const batch = Math.min(20, count - opened);
    await Promise.all(
      Array.from({ length: batch }, () => driver.command({ text: "", userId: SUBMITTER, channelId: triageChannelId })),
    );
  }
  const intakeViews = () => fake.views().filter((v) => !before.has(v.id) && v.callback_id === "incident_intake");
  await waitUntil(() => intakeViews().length >= count, 30_000, 50);
  return intakeViews().map((view) => view.id);
}

/** One submission, timed from request sent to answer read; an answer later than UNANSWERED_AFTER_MS is none. */
async function submitTimed(driver: SlackDriver, viewId: string): Promise<Submission | undefined> {
  const start = performance.now();
  const answer = submitSev1({ driver, userId: SUBMITTER }, viewId).then((response) => accepted(response));
  const deadline = delay(UNANSWERED_AFTER_MS, undefined, { ref: false });
  const ok = await Promise.race([answer, deadline]);
  return ok === undefined ? undefined : { ms: performance.now() - start, ok };
}

/** Submissions started every 1000/rate ms, whatever the answers of the earlier ones. */
async function pacedSubmissions(
  driver: SlackDriver,
  viewIds: readonly string[],
): Promise<Array<Submission | undefined>> {
  const gapMs = 1000 / RATE_PER_SECOND;
  const startedAt = performance.now();
  return Promise.all(
    viewIds.map(async (viewId, i) => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + i * gapMs - performance.now())));
      return submitTimed(driver, viewId);
    }),
  );
}

/** FLOOD_SUBMITTERS submitters back to back for FLOOD_SECONDS: intakes recorded per second. */
async function floodSubmissions(driver: SlackDriver, viewIds: string[]): Promise<number> {
  const stopAt = performance.now() + FLOOD_SECONDS * 1000;
  let recorded = 0;
  await Promise.all(
    Array.from({ length: FLOOD_SUBMITTERS }, async () => {
      for (let viewId = viewIds.pop(); viewId && performance.now() < stopAt; viewId = viewIds.pop()) {
        if ((await submitTimed(driver, viewId))?.ok) recorded += 1;
      }
    }),
  );
  return recorded / FLOOD_SECONDS;
}

try {
  const bot = await startServerProcess(
    "incident desk",
    ROOT,
    BOT,
    benchBotEnv({ fake, signingSecret: SECRET, triageChannelId, adminUserId: SUBMITTER, dir }),
    process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
  );
  try {
    const driver = createSlackDriver({
      appUrl: `http://127.0.0.1:${bot.port}/slack/events`,
      signingSecret: SECRET,
      fake,
    });
    const pacedCount = SECONDS * RATE_PER_SECOND;
    const floodCount = FLOOD_SECONDS * 400;
    console.log(`opening ${pacedCount + floodCount} intake modals…`);
    const viewIds = await openIntakeModals(driver, pacedCount + floodCount);
    const callsBefore = fake.calls.length;
    for (const method of Object.keys(METHODS)) {
      fake.inject(method, { delayMs: SLACK_LATENCY_MS, times: Number.POSITIVE_INFINITY });
    }

    console.log(`${RATE_PER_SECOND} SEV1 intakes/s for ${SECONDS} s, Slack answering in ${SLACK_LATENCY_MS} ms…`);
    await botLoopDelay(bot.port);
    const paced = await pacedSubmissions(driver, viewIds.slice(0, pacedCount));
    const pacedLoopDelay = await botLoopDelay(bot.port);
    const answered = paced.filter((s): s is Submission => s !== undefined);
    const latency = summarize(answered.map((s) => s.ms));
    const roomsAfterPaced = fake.callsTo("conversations.create").filter((c) => c.ok).length;

    console.log(`flood: ${FLOOD_SUBMITTERS} submitters for ${FLOOD_SECONDS} s…`);
    const perSecond = await floodSubmissions(driver, viewIds.slice(pacedCount));
    const floodLoopDelay = await botLoopDelay(bot.port);

    const during = fake.calls.slice(callsBefore);
    const refused: Record<string, number> = {};
    for (const call of during.filter((c) => c.status === 429)) refused[call.method] = (refused[call.method] ?? 0) + 1;
    const f = (n: number) => n.toFixed(1);
    console.log(`\nintake ack at ${RATE_PER_SECOND}/s for ${SECONDS} s (goal p99 ≤ 100 ms):`);
    console.log(
      `  p50 ${f(latency.p50)} ms, p95 ${f(latency.p95)} ms, p99 ${f(latency.p99)} ms, max ${f(latency.max)} ms`,
    );
    console.log(
      `  sent ${paced.length}, accepted ${answered.filter((s) => s.ok).length}, ` +
        `over 3 s ${answered.filter((s) => s.ms > SLACK_ACK_DEADLINE_MS).length}, unanswered ${paced.length - answered.length}`,
    );
    console.log(`  the bot's event-loop delay beyond the monitor's tick (goal: no slice over 5 ms): ${pacedLoopDelay}`);
    console.log(`intakes recorded, flood (goal ≥ 200/s): ${f(perSecond)}/s; event-loop delay ${floodLoopDelay}`);
    console.log(`war rooms opened during the paced phase: ${roomsAfterPaced} (conversations.create: Tier 2, 20/min)`);
    console.log(
      `429s Slack sent: ${JSON.stringify(refused)} over ${during.length} Web API calls; peak RSS ${f(bot.peakRssMiB())} MiB`,
    );
  } finally {
    await bot.stop();
  }
  const profileDir = process.env.BENCH_CPU_PROF;
  if (profileDir) {
    const report = sliceReportOf(profileDir);
    console.log(
      `synchronous slices in the bot's CPU profile: ${report.over5ms} over 5 ms, ${report.over20ms} over 20 ms`,
    );
    for (const slice of report.longest) console.log(`  ${slice.ms.toFixed(1)} ms, mostly ${slice.busiest}`);
  }
} finally {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}
