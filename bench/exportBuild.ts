/**
 * `npx tsx bench/exportBuild.ts [decisions] [--runs N] [--cases N]`: how long building one year's decision export
 * takes (both files, as the export job builds them), p50 of a few runs against issue 12's 300 ms goal. The decisions
 * are the scale database's (20,000 cases unless `--cases` names another size, built or reused), copied into one year until there are as many as
 * asked: a 1M-case desk decides about 26,000 a year. `--profile <file.cpuprofile>` profiles the runs alone and prints
 * the functions that spent the most CPU. It prints the peak RSS and heap while building (run with `node
 * --expose-gc --import tsx` for a collected baseline) and the event loop's longest hold; `--upload` shares the last
 * run's files through the Slack stand-in and prints how long that took. The decisions' export texts are stored first,
 * as the bot's pass after an upgrade leaves them; `--rendered` leaves them out, so every statement is rendered.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { getHeapStatistics } from "node:v8";
import type Database from "better-sqlite3";
import { parseExportRange } from "../src/core/decisionExport.ts";
import { buildDecisionExport } from "../src/flows/sanctions/buildDecisionExport.ts";
import { type FileToUpload, uploadFiles } from "../src/slack/files/uploadFiles.ts";
import { openDatabase } from "../src/store/database.ts";
import { startSlackFake } from "../test/slack-fake/index.ts";
import { webClientFor } from "../test/slack-fake/webClientFor.ts";
import { startCpuProfile } from "./cpuProfile.ts";
import { buildScaleDatabase } from "./scale/buildDatabase.ts";
import { storeEveryDecisionText } from "./scale/storeDecisionTexts.ts";
import { percentile } from "./stats.ts";

const GOAL_MS = 300;
const YEAR = 2025;
const YEAR_START = Date.UTC(YEAR, 0, 1);
const YEAR_MS = Date.UTC(YEAR + 1, 0, 1) - YEAR_START;

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    runs: { type: "string", default: "5" },
    cases: { type: "string", default: "20000" },
    profile: { type: "string" },
    upload: { type: "boolean", default: false },
    rendered: { type: "boolean", default: false },
  },
  allowPositionals: true,
});
const wanted = Number(positionals[0] ?? 26_000);
const runs = Number(values.runs);

interface SourceDecision {
  proposalId: number;
  caseId: number;
  accountId: number;
  rung: string;
  puid: string;
  statement: string;
  appliesFrom: number;
  appliesUntil: number | null;
}

/** Copies the scale database's decisions (each with its proposal) into YEAR, evenly spread, until `count` fall in it. */
function fillYear(sqlite: Database.Database, count: number): void {
  const sources = sqlite
    .prepare(
      `SELECT proposal_id AS proposalId, case_id AS caseId, account_id AS accountId, rung, puid, statement,
        applies_from AS appliesFrom, applies_until AS appliesUntil FROM decisions ORDER BY id`,
    )
    .all() as SourceDecision[];
  const inYear = sqlite
    .prepare("SELECT count(*) AS n FROM decisions WHERE decided_at >= ? AND decided_at < ?")
    .get(YEAR_START, YEAR_START + YEAR_MS) as { n: number };
  const copies = Math.max(0, count - inYear.n);
  // A copy's proposal is its source's, renumbered: seq and view id are unique per case.
  const copyProposal = sqlite.prepare(
    `INSERT INTO sanction_proposals (case_id, seq, kind, account_id, rung, clauses, facts, evidence_ids,
      guarantee_claim, legal_flag, appeal_id, status, proposed_by, proposed_at, decided_at)
     SELECT case_id, seq + 1000 * @round, kind, account_id, rung, clauses, facts, evidence_ids, guarantee_claim,
      legal_flag, NULL, status, proposed_by, @decidedAt - 60000, @decidedAt FROM sanction_proposals WHERE id = @id`,
  );
  const insertDecision = sqlite.prepare(
    `INSERT INTO decisions (case_id, proposal_id, account_id, rung, puid, statement, decided_at, applies_from,
      applies_until) VALUES (@caseId, @proposalId, @accountId, @rung, @puid, @statement, @decidedAt, @decidedAt,
      @appliesUntil)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < copies; i++) {
      const source = sources[i % sources.length] as SourceDecision;
      const round = 1 + Math.floor(i / sources.length);
      const decidedAt = YEAR_START + Math.floor(((i + 0.5) * YEAR_MS) / copies);
      const proposalId = Number(copyProposal.run({ round, decidedAt, id: source.proposalId }).lastInsertRowid);
      const lasts = source.appliesUntil === null ? null : source.appliesUntil - source.appliesFrom;
      insertDecision.run({
        ...source,
        proposalId,
        puid: `${source.puid}-C${round}`,
        decidedAt,
        appliesUntil: lasts === null ? null : decidedAt + lasts,
      });
    }
  })();
}

/** Peak RSS and heap seen while `work` runs, sampled when the build leaves the event loop free, and its longest hold. */
async function watched<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakRss: number; peakHeap: number; holdMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let [peakRss, peakHeap] = [0, 0];
  // process.memoryUsage() walks the heap's spaces: the cheaper rss() and heap figure keep the sampling out of the CPU time.
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
  };
  const sampler = setInterval(sample, 25);
  loop.enable();
  try {
    const result = await work();
    sample();
    return { result, peakRss, peakHeap, holdMs: loop.max / 1e6 };
  } finally {
    loop.disable();
    clearInterval(sampler);
  }
}

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;

/** Shares the files through the Slack stand-in as the job does: the URLs, the POSTs, the completion. */
async function timeUpload(files: readonly FileToUpload[]): Promise<number> {
  const fake = await startSlackFake({ channels: [{ name: "exports", is_private: true, members: ["UBOT"] }] });
  try {
    const channelId = fake.channelByName("exports")?.id ?? "";
    const started = performance.now();
    await uploadFiles({ slack: webClientFor(fake) }, { channelId, files, comment: "bench" });
    return performance.now() - started;
  } finally {
    await fake.close();
  }
}

const built = buildScaleDatabase(Number(values.cases));
const dir = mkdtempSync(join(tmpdir(), "incident-desk-export-bench-"));
const path = join(dir, "export.sqlite");
copyFileSync(built.path, path);
const database = openDatabase(path);
try {
  fillYear(database.sqlite, wanted);
  // As the bot's pass leaves them; `--rendered` measures the export rendering every decision instead.
  const stored = values.rendered ? 0 : storeEveryDecisionText(database.db);
  database.sqlite.pragma("optimize");
  console.log(
    `export texts stored for ${stored.toLocaleString("en")} decisions${values.rendered ? " (none: --rendered)" : ""}`,
  );
  const range = parseExportRange(`${YEAR}-01-01`, `${YEAR}-12-31`);
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let summary = "";
  global.gc?.();
  const before = process.memoryUsage();
  let [peakRss, peakHeap] = [0, 0];
  const holds: number[] = [];
  let lastFiles: readonly FileToUpload[] = [];
  const profiler = values.profile === undefined ? undefined : await startCpuProfile(values.profile);
  for (let run = 0; run < runs; run++) {
    const folder = mkdtempSync(join(dir, "files-"));
    const [started, cpuStarted] = [performance.now(), process.cpuUsage()];
    const watch = await watched(() => buildDecisionExport(database.db, range, folder));
    samples.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuSamples.push((cpu.user + cpu.system) / 1000);
    [peakRss, peakHeap] = [Math.max(peakRss, watch.peakRss), Math.max(peakHeap, watch.peakHeap)];
    holds.push(watch.holdMs);
    const exported = watch.result;
    const bytes = exported.files.map(
      (f) => `${f.filename.split(".").at(-1)} ${(statSync(f.path).size / 1e6).toFixed(1)} MB`,
    );
    summary = `${exported.count.toLocaleString("en")} statements, ${exported.leftOut} left out; ${bytes.join(", ")}`;
    if (run < runs - 1) rmSync(folder, { recursive: true });
    else lastFiles = exported.files;
  }
  await profiler?.stop();
  const p50 = percentile(samples, 50);
  console.log(`export build, one year: ${summary}`);
  console.log(`  runs (ms): ${samples.map((s) => s.toFixed(0)).join(", ")}`);
  // On a loaded machine the wall time includes waiting for a core; the CPU time (all threads, GC's too) does not.
  console.log(`  CPU time of the runs (ms): ${cpuSamples.map((s) => s.toFixed(0)).join(", ")}`);
  console.log(`  p50 ${p50.toFixed(0)} ms, goal ≤ ${GOAL_MS} ms: ${p50 <= GOAL_MS ? "PASS" : "FAIL"}`);
  global.gc?.();
  const after = process.memoryUsage();
  console.log(
    `  memory: RSS ${mib(before.rss)} before, peak ${mib(peakRss)} (+${mib(peakRss - before.rss)}), ${mib(after.rss)} after; ` +
      `heap ${mib(before.heapUsed)} before, peak ${mib(peakHeap)} (+${mib(peakHeap - before.heapUsed)}), ${mib(after.heapUsed)} after` +
      `${global.gc ? " (collected)" : ""}; external ${mib(before.external)} before, ${mib(after.external)} after`,
  );
  console.log(`  longest hold of the event loop per build (ms): ${holds.map((s) => s.toFixed(1)).join(", ")}`);
  // After the memory figures: the stand-in keeps what it is sent, in this process.
  if (values.upload)
    console.log(`  upload through the Slack stand-in (ms): ${(await timeUpload(lastFiles)).toFixed(0)}`);
} finally {
  database.close();
  rmSync(dir, { recursive: true, force: true });
}
