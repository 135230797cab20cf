import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { desc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accounts, cases, decisions, sanctionProposals } from "../../db/schema.ts";
import { runExportCli } from "../../src/cli/export.ts";
import { loadConfig } from "../../src/config.ts";
import {
  CATEGORIES,
  CATEGORY_CATALOG_VERSION,
  POLICY_CLAUSES,
  type PolicyClauseId,
} from "../../src/core/categories.ts";
import { parseExportRange } from "../../src/core/decisionExport.ts";
import { CASE_SOURCES } from "../../src/core/intake.ts";
import { SANCTION_RUNGS, type SanctionRung } from "../../src/core/sanctions.ts";
import type { FlowDeps } from "../../src/flows/deps.ts";
import { storeDecisionTextsJob } from "../../src/flows/jobs/storeDecisionTexts.ts";
import { EXPORT_PAGE_ROWS, forEachDecisionText } from "../../src/flows/sanctions/buildDecisionExport.ts";
import { rendererFingerprint, storeRenderedDecisions } from "../../src/flows/sanctions/decisionTexts.ts";
import { statementOfDecision } from "../../src/flows/sanctions/statementOfDecision.ts";
import {
  DECISION_TEXTS_STEP,
  DECISION_TEXTS_WINDOW,
  startDecisionTextsPass,
  storeDecisionTextsWindow,
} from "../../src/flows/sanctions/storeDecisionTexts.ts";
import { createLogger } from "../../src/log.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";
import { insertCase } from "../../src/store/cases.ts";
import { type DatabaseHandle, inTransaction, openDatabase } from "../../src/store/database.ts";
import { type DecisionSourceRow, decisionSource } from "../../src/store/decisionExportTexts.ts";
import { exportFilesAsBefore } from "../support/exportAsBefore.ts";

const DAY = 24 * 60 * 60_000;
const YEAR_START = Date.UTC(2026, 0, 1);
const RUNGS = Object.keys(SANCTION_RUNGS) as SanctionRung[];
const CLAUSES = Object.keys(POLICY_CLAUSES) as PolicyClauseId[];
/** Facts people type: CSV and JSON specials, formula openings, accents, emoji (two UTF-16 units), the 3,000 cap. */
const FACTS = [
  "The pro kept the customer's tools.",
  'Said "I will come back", then did; commas, too',
  "Line one\r\nline two\nline three",
  '=HYPERLINK("http://evil")',
  "+1 555 0100 called twenty times",
  "-2 stars and a threat",
  "@everyone was told the address",
  "Déjà vu: the same café, the same threat",
  "🚫 blocked, then 🔥 in the chat",
  "\\ back\\slash and </script> and \u2028 and \u0001",
  "🔥".repeat(1500),
  "x".repeat(3000),
];
/** Clause lists: one, two, every clause (a ground too long for titles), and a list in another order. */
const CLAUSE_LISTS: PolicyClauseId[][] = [
  CLAUSES.slice(0, 1),
  CLAUSES.slice(2, 4),
  CLAUSES,
  [...CLAUSES].reverse().slice(0, 3),
];

/** `count` decisions in 2026 over cases of every category and source, stored as recordDecision stores them. */
function recordVariedDecisions(handle: DatabaseHandle, count: number): void {
  inTransaction(handle.db, (tx) => {
    const account = tx
      .insert(accounts)
      .values({
        accountRef: "pro_1",
        role: "pro",
        displayName: "Pro One",
        createdAt: YEAR_START,
        updatedAt: YEAR_START,
      })
      .returning()
      .get();
    for (let i = 0; i < count; i++) {
      const category = CATEGORIES[i % CATEGORIES.length];
      // Not i % 5, which the rung (i % 10) would fix: decisions of one rung, category and clause list differ in source too.
      const source = CASE_SOURCES[Math.floor(i / 7) % CASE_SOURCES.length];
      if (!category || !source) throw new Error("arrange failed");
      // Three decisions share each instant, so the id breaks the tie (across a page's end too); some cases tell when the conduct happened, one before 2000.
      const decidedAt = YEAR_START + Math.floor(i / 3) * 8 * 3_600_000 + 3_600_000;
      const occurredAt = [null, decidedAt - 5 * DAY, Date.UTC(1999, 5, 1)][i % 3] ?? null;
      const record = insertCase(tx, {
        humanId: `TS-2026-${String(i + 1).padStart(4, "0")}`,
        year: 2026,
        seq: i + 1,
        category: category.id,
        categoryVersion: CATEGORY_CATALOG_VERSION,
        severity: "sev2",
        status: "resolved",
        title: "t",
        description: "d",
        source,
        occurredAt,
        createdBy: "U0SPEC1",
        createdAt: decidedAt - 10 * DAY,
        updatedAt: decidedAt,
      });
      const rung = RUNGS[i % RUNGS.length] ?? "warning";
      const proposal = tx
        .insert(sanctionProposals)
        .values({
          caseId: record.id,
          seq: 1,
          kind: "sanction",
          accountId: account.id,
          rung,
          clauses: CLAUSE_LISTS[i % CLAUSE_LISTS.length] ?? [],
          facts: FACTS[i % FACTS.length] ?? "",
          evidenceIds: [],
          guaranteeClaim: false,
          legalFlag: false,
          status: "approved",
          proposedBy: "U0SPEC1",
          proposedAt: decidedAt - 60_000,
          decidedAt,
        })
        .returning()
        .get();
      const days = SANCTION_RUNGS[rung].days;
      const decision = {
        rung,
        puid: `${record.humanId}-D1`,
        appliesFrom: decidedAt,
        appliesUntil: days && decidedAt + days * DAY,
      };
      const statement = statementOfDecision({ record, proposal, decision });
      tx.insert(decisions)
        .values({
          ...decision,
          caseId: record.id,
          proposalId: proposal.id,
          accountId: account.id,
          statement,
          decidedAt,
        })
        .run();
    }
  });
}

describe("the decision export's bytes", () => {
  let dir: string;
  let handle: DatabaseHandle;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "export-bytes-"));
    handle = openDatabase(join(dir, "desk.sqlite"));
  });
  afterEach(() => {
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const flowDeps = (): FlowDeps => ({
    db: handle.db,
    clock: { now: () => YEAR_START },
    config: loadConfig({ SLACK_BOT_TOKEN: "xoxb-1-2", SLACK_SIGNING_SECRET: "s", TRIAGE_CHANNEL_ID: "C0TRIAGE" }),
    log: createLogger("silent"),
    botUserId: "UBOT",
    wakeScheduler: () => {},
  });

  /** The pass's jobs as the bot's runner runs them, until none is left. */
  async function runDecisionTextsPass(deps: FlowDeps): Promise<void> {
    const { kind, payload } = storeDecisionTextsJob;
    const handlers = { [kind]: (raw: unknown) => storeDecisionTextsWindow(deps, payload.parse(raw)) };
    await new Scheduler({ db: deps.db, clock: deps.clock, log: deps.log, handlers, leaseMs: 60_000 }).runUntilIdle();
  }

  /** Both files as the CLI writes them (the bot's export job builds them the same way). */
  async function exportedFiles(name: string): Promise<{ json: string; csv: string }> {
    const out: string[] = [];
    const args = ["--from", "2026-01-01", "--to", "2026-12-31", "--out", join(dir, name)];
    const env = { DATABASE_PATH: join(dir, "desk.sqlite") };
    expect(await runExportCli(args, env, { out: (l) => out.push(l), err: (l) => out.push(l) }), out.join("\n")).toBe(0);
    const written = (ext: string) => readFileSync(join(dir, name, `decisions-2026-01-01-to-2026-12-31.${ext}`), "utf8");
    return { json: written("json"), csv: written("csv") };
  }

  const storedTexts = () =>
    handle.sqlite
      .prepare("SELECT decision_id AS id, renderer FROM decision_export_texts ORDER BY decision_id")
      .all() as Array<{ id: number; renderer: string }>;

  it("are those of building each statement as an object and the envelope with one JSON.stringify, for every rung, category, source, clause list and kind of facts, over pages read in a snapshot", async () => {
    // Past eight pages of EXPORT_PAGE_ROWS (250), most pages ending inside a group of decisions taken at one instant.
    recordVariedDecisions(handle, 2_100);
    const before = exportFilesAsBefore(handle.db, parseExportRange("2026-01-01", "2026-12-31"));
    expect(JSON.parse(before.json).statements).toHaveLength(1_680);
    expect(JSON.parse(before.json).left_out.decisions).toHaveLength(420);

    // Rendered from the sources: no decision has stored texts yet.
    expect(storedTexts()).toEqual([]);
    expect(await exportedFiles("rendered")).toEqual(before);

    // Stored for every other window of ids by the pass an upgrade runs, then copied for those, rendered for the rest.
    const deps = flowDeps();
    for (let afterId = 0; afterId < 2_100; afterId += 2 * DECISION_TEXTS_WINDOW) {
      await storeDecisionTextsWindow(deps, { afterId });
    }
    expect(storedTexts().length).toBeGreaterThan(1_000);
    expect(storedTexts().length).toBeLessThan(2_100);
    expect(await exportedFiles("mixed")).toEqual(before);

    // Every decision stored: the files are copies of the stored bytes alone.
    startDecisionTextsPass(deps);
    await runDecisionTextsPass(deps);
    expect(storedTexts()).toHaveLength(2_100);
    expect(new Set(storedTexts().map((row) => row.renderer))).toEqual(new Set([rendererFingerprint()]));
    expect(await exportedFiles("stored")).toEqual(before);
  });

  it("stores a window's texts a step at a time, giving the event loop back between steps", async () => {
    recordVariedDecisions(handle, DECISION_TEXTS_WINDOW + 5);
    const run = storeDecisionTextsWindow(flowDeps(), { afterId: 0 });
    // Until its first await the run holds the loop: one step's decisions stored, no more.
    expect(storedTexts()).toHaveLength(DECISION_TEXTS_STEP);
    await run;
    expect(storedTexts()).toHaveLength(DECISION_TEXTS_WINDOW);
    const next = handle.sqlite.prepare("SELECT count(*) AS n FROM jobs WHERE idempotency_key = ?");
    expect(next.get(`statements.store_texts:${rendererFingerprint()}:${DECISION_TEXTS_WINDOW}`)).toEqual({ n: 1 });
  });

  it("renders afresh a decision whose stored texts another renderer wrote, and copies those of the current one", async () => {
    recordVariedDecisions(handle, 40);
    const before = exportFilesAsBefore(handle.db, parseExportRange("2026-01-01", "2026-12-31"));
    await storeDecisionTextsWindow(flowDeps(), { afterId: 0 });
    // Texts an older release wrote for decision 3 (a statement) and 10 (left out): not what this code writes.
    const stale = handle.sqlite.prepare(
      "UPDATE decision_export_texts SET renderer = 'older', json = ?, csv = ? WHERE decision_id = ?",
    );
    stale.run(Buffer.from('{"stale":true}'), Buffer.from("stale\r\n"), 3);
    stale.run(Buffer.from('{"stale":true}'), null, 10);
    expect(await exportedFiles("stale")).toEqual(before);

    // The same wrong texts under the current fingerprint are copied as they are: the export trusts what it stored.
    handle.sqlite
      .prepare("UPDATE decision_export_texts SET renderer = ? WHERE decision_id = 3")
      .run(rendererFingerprint());
    const trusted = await exportedFiles("trusted");
    expect(trusted.json).toContain('{"stale":true}');
    expect(trusted.csv).toContain("\r\nstale\r\n");
  });

  it("reads every page from the snapshot the first page saw, though the event loop runs between pages", async () => {
    recordVariedDecisions(handle, 3 * EXPORT_PAGE_ROWS);
    const last = handle.db.select().from(decisions).orderBy(desc(decisions.decidedAt)).limit(1).get();
    const lastCase = last && handle.db.select().from(cases).where(eq(cases.id, last.caseId)).get();
    const otherCategory = CATEGORIES.find((c) => c.id !== lastCase?.category)?.id;
    if (!last || !lastCase || !otherCategory) throw new Error("arrange failed");
    const visited: Array<[puid: string, category: string]> = [];
    let turns = 0;
    const counting = setInterval(() => {
      turns += 1;
    }, 0);
    try {
      await forEachDecisionText(handle.db, parseExportRange("2026-01-01", "2026-12-31"), (row, source) => {
        // Written on the bot's own connection while the export reads: the last page must see neither.
        if (visited.length === 0) {
          handle.db.update(cases).set({ category: otherCategory }).where(eq(cases.id, lastCase.id)).run();
          storeRenderedDecisions(handle.db, [decisionSource(handle.db, last.id) ?? []] as DecisionSourceRow[]);
        }
        expect(row[2]).toBeNull();
        const [, puid, , , , , , category] = source();
        visited.push([puid, category]);
      });
    } finally {
      clearInterval(counting);
    }

    expect(visited).toHaveLength(3 * EXPORT_PAGE_ROWS);
    expect(visited.at(-1)).toEqual([last.puid, lastCase.category]);
    expect(handle.db.select().from(cases).where(eq(cases.id, lastCase.id)).get()?.category).toBe(otherCategory);
    expect(turns).toBeGreaterThan(0);
  });
});
