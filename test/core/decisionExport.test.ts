import { describe, expect, it } from "vitest";
import { formatDuration, stepsToClose } from "../../src/core/caseClose.ts";
import { categoryById } from "../../src/core/categories.ts";
import {
  csvField,
  decisionsToCsv,
  decisionsToJson,
  EXPORT_COLUMNS,
  type ExportedDecision,
  parseExportRange,
} from "../../src/core/decisionExport.ts";
import { buildStatementOfReasons } from "../../src/core/statementOfReasons.ts";

const harassment = categoryById("harassment");
if (!harassment) throw new Error("catalog lost harassment");

const decision = (facts: string): ExportedDecision => ({
  caseHumanId: "TS-2026-0001",
  decidedAt: Date.UTC(2026, 2, 4, 10, 30),
  statement: {
    ...buildStatementOfReasons({
      rung: "suspension_7d",
      clauses: ["CG-2.1"],
      facts,
      category: harassment,
      reportedByUser: true,
      appliesAt: Date.UTC(2026, 2, 4),
      puid: "puid-1",
    }),
  },
});

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
  it("writes one CSV row per decision with the columns in a fixed order, arrays joined with |", () => {
    const csv = decisionsToCsv([decision('Threats, then "sorry"\nafter the job'), decision("-again")]);
    const [head, ...rest] = csv.split("\r\n");
    expect(head).toBe(EXPORT_COLUMNS.join(","));
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain('"Threats, then ""sorry""\nafter the job"');
    expect(csv).toContain(",'-again,");
    expect(rest.join("\r\n")).toContain("TS-2026-0001,2026-03-04T10:30:00.000Z,,,DECISION_PROVISION_TOTAL_SUSPENSION");
    expect(csv).toContain(",CONTENT_TYPE_OTHER,");
  });

  it("writes the JSON as the statements with the case id and decision time added", () => {
    const [first] = JSON.parse(decisionsToJson([decision("Facts")])) as Array<Record<string, unknown>>;
    expect(first).toMatchObject({
      case_id: "TS-2026-0001",
      decided_at: "2026-03-04T10:30:00.000Z",
      puid: "puid-1",
      decision_facts: "Facts",
      content_type: ["CONTENT_TYPE_OTHER"],
    });
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
