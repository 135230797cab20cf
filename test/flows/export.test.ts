import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXPORT_COLUMNS, LEFT_OUT_REASON } from "../../src/core/decisionExport.ts";
import { compiledCli } from "../support/compiledBuild.ts";
import {
  EXPORT_CASE as CASE,
  exportProgressMessages,
  EXPORT_FACTS as FACTS,
  recordDecisions,
  uploadedFile,
} from "../support/decisionExport.ts";
import { checkStatement } from "../support/dsaStatementRules.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";

/** A strict RFC 4180 reader (CRLF rows, quoted fields), to read the file as a spreadsheet would. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < csv.length) {
    const c = csv[i] ?? "";
    const next = csv[i + 1];
    i += 1;
    if (quoted && c === '"' && next === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && c === "\r" && next === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else {
      field += c;
    }
  }
  return rows;
}

describe("decision export", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
    await submitIntake(h, intakeValues());
    await h.settle();
    recordDecisions(h);
  });
  afterEach(() => h.close());

  const run = async (commandText: string, userId: string = USERS.lead) =>
    (await h.driver.command({ text: commandText, userId, channelId: h.triageChannelId })).body as { text: string };
  const progressText = () => exportProgressMessages(h, h.triageChannelId).map((m) => m.text);

  const LEFT_OUT = `1 decision left out: ${LEFT_OUT_REASON}.`;
  type Envelope = {
    statements: Array<{ case_id: string; decision_id: string; decided_at: string; statement: Record<string, unknown> }>;
    left_out: { reason: string; decisions: Array<{ decision_id: string; rung: string }> };
  };

  it("uploads the month's statements as JSON and CSV into the channel it was asked in", async () => {
    const reply = await run("export decisions 2026-03-01 2026-03-31");
    expect(reply.text).toContain("Building the export of decisions from 2026-03-01 to 2026-03-31");
    await h.settle();
    expect(progressText()).toEqual([
      `Exported 2 statements of reasons from 2026-03-01 to 2026-03-31: the JSON and CSV files are below. ${LEFT_OUT}`,
    ]);
    expect(h.fake.callsTo("files.completeUploadExternal")).toHaveLength(1);
    expect(h.fake.callsTo("files.getUploadURLExternal").map((c) => c.args.filename)).toEqual([
      "decisions-2026-03-01-to-2026-03-31.json",
      "decisions-2026-03-01-to-2026-03-31.csv",
    ]);
    const [complete] = h.fake.callsTo("files.completeUploadExternal");
    expect(complete?.ok).toBe(true);
    expect(complete?.args.channel_id).toBe(h.triageChannelId);
    expect(h.fake.messages(h.triageChannelId).at(-1)?.text).toBe(
      `Decisions from 2026-03-01 to 2026-03-31: 2 statements of reasons. ${LEFT_OUT}`,
    );

    const json = JSON.parse(uploadedFile(h, ".json")) as Envelope;
    expect(json.statements.map((s) => [s.case_id, s.decided_at, s.decision_id, s.statement.puid])).toEqual([
      [CASE, "2026-03-01T00:00:00.000Z", "ts-decision-2", "ts-decision-2"],
      [CASE, "2026-03-31T23:59:00.000Z", "ts-decision-4", "ts-decision-4"],
    ]);
    expect(json.statements[0]?.statement).toMatchObject({
      decision_facts: FACTS,
      decision_account: "DECISION_ACCOUNT_SUSPENDED",
      end_date_account_restriction: "2026-03-08",
    });
    expect(json.statements.flatMap((s) => checkStatement(s.statement))).toEqual([]);
    expect(json.left_out).toMatchObject({
      reason: LEFT_OUT_REASON,
      decisions: [{ decision_id: "ts-decision-3", rung: "warning" }],
    });

    const [head, ...rows] = parseCsv(uploadedFile(h, ".csv"));
    expect(head).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(2);
    const facts = EXPORT_COLUMNS.indexOf("decision_facts");
    const puid = EXPORT_COLUMNS.indexOf("puid");
    expect(rows.map((r) => r[puid])).toEqual(["ts-decision-2", "ts-decision-4"]);
    // Formula neutralised, quotes, comma and newline kept.
    expect(rows[0]?.[facts]).toBe(`'${FACTS}`);
  });

  it("says so and uploads nothing when no decision falls in the range", async () => {
    await run("export decisions 2025-01-01 2025-12-31");
    await h.settle();
    expect(progressText()).toEqual(["No statements of reasons from 2025-01-01 to 2025-12-31: nothing to export."]);
    expect(h.fake.callsTo("files.getUploadURLExternal")).toHaveLength(0);
  });

  it("says why when every decision in the range restricts nothing, and uploads nothing", async () => {
    await run("export decisions 2026-03-15 2026-03-15");
    await h.settle();
    expect(progressText()).toEqual([
      `No statements of reasons from 2026-03-15 to 2026-03-15: nothing to export. ${LEFT_OUT}`,
    ]);
    expect(h.fake.callsTo("files.getUploadURLExternal")).toHaveLength(0);
  });

  it.each([
    ["export decisions 2026-03-01", "YYYY-MM-DD"],
    ["export decisions 2026-03-31 2026-03-01", "before the start"],
    ["export decisions 2024-01-01 2025-06-01", "366 days"],
    ["export cases 2026-03-01 2026-03-31", "Usage"],
  ])("answers `%s` with a usage error", async (commandText, message) => {
    const reply = await run(commandText);
    expect(reply.text).toContain(message);
    await h.settle();
    expect(h.fake.callsTo("files.getUploadURLExternal")).toHaveLength(0);
    expect(progressText()).toEqual([]);
  });

  it("refuses a specialist", async () => {
    const reply = await run("export decisions 2026-03-01 2026-03-31", USERS.specialist);
    expect(jsonText(reply)).toContain("not permitted");
    expect(await h.settle()).toBe(0);
    expect(h.fake.callsTo("files.getUploadURLExternal")).toHaveLength(0);
    expect(progressText()).toEqual([]);
  });

  it("tells the user in the progress message why, when Slack refuses the upload for good", async () => {
    h.fake.inject("files.completeUploadExternal", { error: "file_uploads_disabled" });
    await run("export decisions 2026-03-01 2026-03-31");
    await h.settle();
    expect(progressText()).toEqual([expect.stringContaining("The export failed")]);
    expect(progressText()[0]).toContain("Slack answered file_uploads_disabled");
    expect(h.fake.callsTo("files.completeUploadExternal")).toHaveLength(1);
  });

  describe("the CLI", () => {
    const ROOT = new URL("../..", import.meta.url).pathname;
    const cli = (args: string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}) =>
      spawnSync(process.execPath, [compiledCli("export"), ...args], {
        cwd: options.cwd ?? mkdtempSync(join(tmpdir(), "incident-desk-export-")),
        env: options.env ?? { PATH: process.env.PATH, DATABASE_PATH: h.config.db.path },
        encoding: "utf8",
        timeout: 15_000,
      });

    it("writes both files from the database, prints their paths, and says what it left out", () => {
      const out = mkdtempSync(join(tmpdir(), "incident-desk-exports-"));
      const run = cli(["--from", "2026-03-01", "--to", "2026-03-31", "--out", out]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout.trim().split("\n")).toEqual([
        join(out, "decisions-2026-03-01-to-2026-03-31.json"),
        join(out, "decisions-2026-03-01-to-2026-03-31.csv"),
        LEFT_OUT,
      ]);
      const json = JSON.parse(readFileSync(join(out, "decisions-2026-03-01-to-2026-03-31.json"), "utf8")) as Envelope;
      expect(json.statements).toHaveLength(2);
      expect(json.left_out.decisions).toHaveLength(1);
      expect(parseCsv(readFileSync(join(out, "decisions-2026-03-01-to-2026-03-31.csv"), "utf8"))).toHaveLength(3);
    });

    it("reads DATABASE_PATH from .env in the directory it runs in, as the bot does", () => {
      const cwd = mkdtempSync(join(tmpdir(), "incident-desk-export-"));
      writeFileSync(join(cwd, ".env"), `DATABASE_PATH=${h.config.db.path}\n`);
      const run = cli(["--from", "2026-03-01", "--to", "2026-03-31", "--out", "out"], {
        cwd,
        env: { PATH: process.env.PATH },
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(existsSync(join(cwd, "out", "decisions-2026-03-01-to-2026-03-31.json"))).toBe(true);
    });

    it("refuses bad arguments with one line and exit code 2", () => {
      const run = cli(["--from", "2026-03-01"]);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(existsSync(join(ROOT, "exports"))).toBe(false);
    });
  });
});
