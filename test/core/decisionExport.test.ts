import { describe, expect, it } from "vitest";
import { formatDuration, stepsToClose } from "../../src/core/caseClose.ts";
import { categoryById } from "../../src/core/categories.ts";
import {
  DecisionExportWriter,
  type DecisionReference,
  DecisionTexts,
  EXPORT_COLUMNS,
  type ExportedStatement,
  LEFT_OUT_REASON,
  parseExportRange,
} from "../../src/core/decisionExport.ts";
import { buildStatementOfReasons } from "../../src/core/statementOfReasons.ts";
import { csvField } from "../../src/core/statementTexts.ts";
import { TextChunks } from "../../src/core/textChunks.ts";

const harassment = categoryById("harassment");
if (!harassment) throw new Error("catalog lost harassment");

const decision = (facts: string): ExportedStatement => ({
  caseHumanId: "TS-2026-0001",
  decisionId: "TS-2026-0001-D1",
  decidedAt: Date.UTC(2026, 2, 4, 10, 30),
  rung: "suspension_7d",
  statement: buildStatementOfReasons({
    rung: "suspension_7d",
    clauses: ["CG-2.1"],
    facts,
    category: harassment,
    reportedByUser: true,
    contentAt: Date.UTC(2026, 2, 1, 22),
    appliesAt: Date.UTC(2026, 2, 4, 10, 30),
    endsAt: Date.UTC(2026, 2, 11, 10, 30),
    puid: "TS-2026-0001-D1",
  }),
});
const range = parseExportRange("2026-03-01", "2026-03-31");

/** Both files of these decisions, as the export writes them. */
function filesOf(exported: readonly ExportedStatement[], leftOut: readonly DecisionReference[] = []) {
  const [json, csv] = [new TextChunks(), new TextChunks()];
  const writer = new DecisionExportWriter(range, { json, csv });
  const texts = new DecisionTexts();
  for (const d of exported) writer.addStatementTexts(...texts.statement(d));
  for (const d of leftOut) writer.addLeftOutText(texts.leftOut(d));
  writer.finish();
  return { json: json.text(), csv: csv.text() };
}

describe("CSV fields (RFC 4180, formula-safe)", () => {
  it.each([
    ["plain text", "plain text"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["carriage\rreturn", '"carriage\rreturn"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["+1 555", "'+1 555"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["=1,2", '"\'=1,2"'],
    ["a=b", "a=b"],
  ])("writes %j as %j", (value, written) => {
    expect(csvField(value)).toBe(written);
  });
});

describe("decision files", () => {
  it("writes one CSV row per statement: our columns first and prefixed, then the API's fields, arrays joined with |", () => {
    const { csv } = filesOf([decision('Threats, then "sorry"\nafter the job'), decision("-again")]);
    const [head, ...rest] = csv.split("\r\n");
    expect(head).toBe(EXPORT_COLUMNS.join(","));
    expect(
      head?.startsWith("incident_desk_case_id,incident_desk_decision_id,incident_desk_decided_at,incident_desk_rung,"),
    ).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain('"Threats, then ""sorry""\nafter the job"');
    expect(csv).toContain(",'-again,");
    expect(rest.join("\r\n")).toContain(
      "TS-2026-0001,TS-2026-0001-D1,2026-03-04T10:30:00.000Z,suspension_7d,,,DECISION_PROVISION_TOTAL_SUSPENSION,DECISION_ACCOUNT_SUSPENDED,",
    );
    expect(csv).toContain(",CONTENT_TYPE_OTHER,Marketplace account,2026-03-01,2026-03-04,,,2026-03-11,2026-03-11,");
  });

  it("writes the JSON as an envelope: the statement holds API fields only, our references sit beside it", () => {
    const envelope = JSON.parse(filesOf([decision("Facts")]).json) as {
      range: unknown;
      statements: Array<Record<string, unknown> & { statement: Record<string, unknown> }>;
      left_out: unknown;
    };
    expect(envelope.range).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    const [first] = envelope.statements;
    expect(first).toMatchObject({
      case_id: "TS-2026-0001",
      decision_id: "TS-2026-0001-D1",
      decided_at: "2026-03-04T10:30:00.000Z",
      rung: "suspension_7d",
    });
    expect(first?.statement).toMatchObject({
      puid: "TS-2026-0001-D1",
      decision_facts: "Facts",
      content_date: "2026-03-01",
    });
    expect(Object.keys(first?.statement ?? {})).not.toContain("case_id");
    expect(envelope.left_out).toEqual({ reason: LEFT_OUT_REASON, decisions: [] });
  });

  it("lists the decisions left out in the JSON, with why", () => {
    const warning = {
      caseHumanId: "TS-2026-0002",
      decisionId: "TS-2026-0002-D1",
      decidedAt: 0,
      rung: "warning" as const,
    };
    const envelope = JSON.parse(filesOf([], [warning]).json) as { left_out: unknown };
    expect(envelope.left_out).toEqual({
      reason: LEFT_OUT_REASON,
      decisions: [
        {
          case_id: "TS-2026-0002",
          decision_id: "TS-2026-0002-D1",
          decided_at: "1970-01-01T00:00:00.000Z",
          rung: "warning",
        },
      ],
    });
  });

  it("writes each decision's instant as Date's toISOString does, in both files, for instants on one day and across days", () => {
    const instants = [
      Date.UTC(2026, 2, 4, 10, 30, 15, 7),
      Date.UTC(2026, 2, 4, 23, 59, 59, 999),
      Date.UTC(2026, 2, 4, 10, 30, 15, 7),
      Date.UTC(2026, 2, 5),
      Date.UTC(2026, 2, 5, 0, 0, 0, 1),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      Date.UTC(1999, 5, 1, 12, 1, 2, 30),
      -1,
      0,
    ];
    const files = filesOf(
      instants.map((decidedAt) => ({ ...decision("Facts"), decidedAt })),
      instants.map((decidedAt) => ({ caseHumanId: "TS-2026-0002", decisionId: "D", decidedAt, rung: "warning" })),
    );
    const envelope = JSON.parse(files.json) as {
      statements: Array<{ decided_at: string }>;
      left_out: { decisions: Array<{ decided_at: string }> };
    };
    const iso = instants.map((ms) => new Date(ms).toISOString());
    expect(envelope.statements.map((s) => s.decided_at)).toEqual(iso);
    expect(envelope.left_out.decisions.map((s) => s.decided_at)).toEqual(iso);
    expect(
      files.csv
        .split("\r\n")
        .slice(1, -1)
        .map((row) => row.split(",")[2]),
    ).toEqual(iso);
  });
});

describe("export ranges", () => {
  it("includes both days, in UTC", () => {
    expect(parseExportRange("2026-01-01", "2026-01-31")).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      fromMs: Date.UTC(2026, 0, 1),
      toMs: Date.UTC(2026, 1, 1),
    });
  });

  it.each([
    ["a missing end", "2026-01-01", undefined, "YYYY-MM-DD"],
    ["a date that does not exist", "2026-02-30", "2026-03-01", "YYYY-MM-DD"],
    ["another format", "01/02/2026", "2026-03-01", "YYYY-MM-DD"],
    ["an end before the start", "2026-03-02", "2026-03-01", "before the start"],
    ["367 days", "2024-01-01", "2025-01-01", "366 days"],
  ])("refuses %s", (_name, from, to, message) => {
    expect(() => parseExportRange(from, to)).toThrow(message);
  });

  it("accepts a whole leap year (366 days)", () => {
    expect(parseExportRange("2024-01-01", "2024-12-31").toMs).toBe(Date.UTC(2025, 0, 1));
  });
});

describe("closing", () => {
  it.each([
    ["resolved", ["closed"]],
    ["decision", ["resolved", "closed"]],
    ["triage", ["resolved", "closed"]],
    ["investigating", ["decision", "resolved", "closed"]],
    ["waiting_consult", undefined],
    ["new", undefined],
    ["closed", undefined],
    ["appealed", undefined],
    ["merged", undefined],
  ] as const)("from %s moves %j", (from, steps) => {
    expect(stepsToClose(from)).toEqual(steps);
  });

  it.each([
    [8 * 60_000, "8 min"],
    [(5 * 60 + 12) * 60_000, "5 h 12 min"],
    [(3 * 24 + 4) * 60 * 60_000 + 59_000, "3 d 4 h"],
  ])("shows %d ms open as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
