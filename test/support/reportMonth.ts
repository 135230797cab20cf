/**
 * A seeded March 2026 for the report specs, recorded through the real flows and store functions on the fake
 * clock, in a UTC business calendar (Mon–Fri 09:00–17:00), every answer on the day its case opened, so
 * each SLA-counted time is plain wall-clock minutes. The expected figures are worked out here by hand.
 */
import { PNG } from "pngjs";
import { type IntakeRaw, validateIntake } from "../../src/core/intake.ts";
import type { SanctionRung } from "../../src/core/sanctions.ts";
import { changeStatus } from "../../src/flows/cases/changeStatus.ts";
import { openCase } from "../../src/flows/cases/openCase.ts";
import { logMediation } from "../../src/flows/mediation/logMediation.ts";
import { insertAppeal } from "../../src/store/appeals.ts";
import { inTransaction } from "../../src/store/database.ts";
import { acknowledgePageRow, insertPage } from "../../src/store/pages.ts";
import { partiesOfCase } from "../../src/store/parties.ts";
import { EXPORT_CASE, recordDecisions } from "./decisionExport.ts";
import { type Harness, USERS } from "./harness.ts";
import { intakeValues } from "./intake.ts";

export const MINUTE = 60_000;
const at = (day: number, hour: number, minute = 0, month = 2) => Date.UTC(2026, month, day, hour, minute);

/** The env of a harness whose business calendar is UTC. */
export const UTC_DESK = { BUSINESS_TZ: "UTC" };

export interface SeededCase {
  category: string;
  severity: "sev2" | "sev3" | "sev4";
  openedAt: number;
  /** Minutes after opening that the owner first talked to a party; null: never. */
  contactAfter: number | null;
  /** Minutes after opening that it was resolved; null: still open. */
  resolvedAfter: number | null;
}

// March 2026: the 2nd is a Monday. The first case carries the decisions (recordDecisions writes on TS-2026-0001).
export const MARCH_CASES: readonly SeededCase[] = [
  { category: "harassment", severity: "sev3", openedAt: at(2, 10), contactAfter: 30, resolvedAfter: 240 },
  { category: "harassment", severity: "sev3", openedAt: at(3, 9, 30), contactAfter: 90, resolvedAfter: 300 },
  { category: "harassment", severity: "sev3", openedAt: at(11, 10), contactAfter: 200, resolvedAfter: null },
  { category: "service-quality", severity: "sev4", openedAt: at(4, 10), contactAfter: 60, resolvedAfter: null },
  { category: "theft", severity: "sev2", openedAt: at(5, 10), contactAfter: 45, resolvedAfter: 360 },
  { category: "theft", severity: "sev2", openedAt: at(10, 11), contactAfter: 150, resolvedAfter: 300 },
  { category: "theft", severity: "sev2", openedAt: at(12, 9), contactAfter: 20, resolvedAfter: 420 },
];
/** Opened the day before and the day after March: no figure may count them. */
export const OUTSIDE_CASES: readonly SeededCase[] = [
  { category: "theft", severity: "sev2", openedAt: at(27, 10, 0, 1), contactAfter: 5, resolvedAfter: 10 },
  { category: "harassment", severity: "sev3", openedAt: at(1, 10, 0, 3), contactAfter: 5, resolvedAfter: 10 },
];

export const MARCH_DECISIONS: ReadonlyArray<[number, SanctionRung]> = [
  [at(28, 23, 59, 1), "warning"],
  [at(5, 12), "warning"],
  [at(12, 12), "suspension_7d"],
  [at(20, 12), "suspension_7d"],
  [at(31, 23, 59), "payout_hold"],
  [at(1, 0, 0, 3), "warning"],
];

/** [opened, decided or null, outcome]: decisions are appealed in the order above (skipping the first). */
export const MARCH_APPEALS: ReadonlyArray<[number, number | null, "upheld" | "modified" | "overturned" | null]> = [
  [at(25, 10, 0, 1), at(3, 10), "modified"],
  [at(6, 10), at(16, 10), "overturned"],
  [at(13, 10), at(20, 10), "upheld"],
  [at(23, 10), null, null],
];

/** [sent, minutes to acknowledge or null]; the first is February's. */
export const MARCH_PAGES: ReadonlyArray<[number, number | null]> = [
  [at(27, 22, 0, 1), 3],
  [at(7, 2), 4],
  [at(14, 23), 12],
  [at(21, 3), 7],
  [at(28, 1), null],
];

/** Words of the seeded cases that are personal data or case text: none may reach a report. */
export const PRIVATE_WORDS = ["Seeded case", "cus_48213", "pro_9911", "Dana R.", "Sam's Plumbing", "TS-2026-"];

async function seedCase(h: Harness, seeded: SeededCase, n: number): Promise<void> {
  const deps = h.desk.deps;
  h.clock.set(seeded.openedAt);
  const raw = intakeValues({ category: seeded.category, severity: seeded.severity, title: `Seeded case ${n}` });
  const { record } = openCase(deps, {
    draft: validateIntake(raw as unknown as IntakeRaw, seeded.openedAt),
    createdBy: USERS.specialist,
    intakeViewId: null,
  });
  const party = partiesOfCase(deps.db, record.id)[0]?.account.id;
  if (seeded.contactAfter !== null) {
    h.clock.set(seeded.openedAt + seeded.contactAfter * MINUTE);
    const summary = "Called the reporter";
    const viewRaw = { party: String(party), channel: "phone", summary, offer: null, amount: null, currency: null };
    logMediation(deps, {
      userId: USERS.specialist,
      caseId: record.id,
      viewId: `V${n}`,
      raw: { ...viewRaw, outcome: null },
    });
  }
  if (seeded.resolvedAfter !== null) {
    h.clock.set(seeded.openedAt + seeded.resolvedAfter * MINUTE);
    changeStatus(deps, { userId: USERS.specialist, caseId: record.id, status: "triage", note: null });
    changeStatus(deps, { userId: USERS.specialist, caseId: record.id, status: "resolved", note: null });
  }
}

/** Records the month: cases, decisions on the first, appeals of those decisions, and pages about the first. */
export async function seedMarch(h: Harness): Promise<void> {
  for (const [i, seeded] of [...MARCH_CASES, ...OUTSIDE_CASES].entries()) await seedCase(h, seeded, i + 1);
  recordDecisions(h, MARCH_DECISIONS);
  const db = h.desk.database.sqlite;
  const caseId = (db.prepare("SELECT id FROM cases WHERE human_id = ?").get(EXPORT_CASE) as { id: number }).id;
  const decisionIds = (db.prepare("SELECT id FROM decisions ORDER BY id").all() as Array<{ id: number }>).map(
    (d) => d.id,
  );
  inTransaction(h.desk.deps.db, (tx) => {
    MARCH_APPEALS.forEach(([openedAt, decidedAt, outcome], i) => {
      const decisionId = decisionIds[i + 1] ?? 0;
      const appeal = { caseId, decisionId, grounds: "The pro disputes it", openedBy: USERS.specialist, openedAt };
      const decided = decidedAt === null ? {} : { reviewer: USERS.lead, outcome, rationale: "Reviewed", decidedAt };
      insertAppeal(tx, { ...appeal, ...decided });
    });
    MARCH_PAGES.forEach(([createdAt, ackAfter], i) => {
      const page = { caseId, trigger: "manual" as const, requestedBy: USERS.specialist, ackMinutes: 15 };
      const row = insertPage(tx, {
        ...page,
        primaryUser: USERS.lead,
        secondaryUser: null,
        createdAt,
        dedupeKey: `p${i}`,
      });
      if (row && ackAfter !== null) acknowledgePageRow(tx, row.id, USERS.lead, createdAt + ackAfter * MINUTE);
    });
  });
}

/** Nearest rank: the smallest value with at least `q` of the values at or below it (as docs/reports.md says). */
export function nearestRank(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.ceil(q * sorted.length) - 1];
  if (value === undefined) throw new Error("no values");
  return value;
}

/** The CSV as `metric|dimension` → value. */
export function csvFigures(csv: string): Map<string, string> {
  const [header, ...rows] = csv.trimEnd().split("\r\n");
  if (header !== "metric,dimension,value") throw new Error(`unexpected CSV header ${header}`);
  return new Map(
    rows.map((row) => {
      const [metric, dimension, value, ...extra] = row.split(",");
      if (extra.length > 0 || value === undefined) throw new Error(`unexpected CSV row ${row}`);
      return [`${metric}|${dimension}`, value];
    }),
  );
}

/** The PNG's size, and how many of its pixels are not the white background. */
export function pngStats(bytes: Buffer): { width: number; height: number; inked: number } {
  const png = PNG.sync.read(bytes);
  let inked = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) inked++;
  }
  return { width: png.width, height: png.height, inked };
}
