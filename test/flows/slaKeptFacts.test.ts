import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSeverity } from "../../src/core/severity.ts";
import { type SlaFact, slaClocks } from "../../src/core/slaClock.ts";
import { slaFactsOf } from "../../src/flows/sla/slaStatus.ts";
import { loadCalendar } from "../../src/store/calendars.ts";
import { moveCase } from "../support/caseState.ts";
import { USERS } from "../support/harness.ts";
import { decideSanction } from "../support/sanctionDecision.ts";
import { SLA_CASE as CASE, MINUTE, OWNER, useSlaDesk } from "../support/slaDesk.ts";

const desk = useSlaDesk();
const DAY = 24 * 60 * MINUTE;
const MIGRATION = fileURLToPath(new URL("../../db/migrations/0011_sla_facts.sql", import.meta.url));

type CaseFacts = { id: number; severity: string; kept: SlaFact[]; replayed: SlaFact[] };

/** Every case's kept clock facts beside the replay of its whole stored timeline. */
function factsOfEveryCase(): CaseFacts[] {
  return desk.sql<{ id: number; severity: string }>("SELECT id, severity FROM cases ORDER BY id").map((c) => {
    const [row] = desk.sql<{ facts: string }>("SELECT facts FROM sla_facts WHERE case_id = ?", c.id);
    const events = desk.sql<{ at: number; kind: string; payload: string }>(
      "SELECT at, kind, payload FROM case_events WHERE case_id = ? ORDER BY seq",
      c.id,
    );
    return { ...c, kept: row ? (JSON.parse(row.facts) as SlaFact[]) : [], replayed: slaFactsOf(events) };
  });
}

/** Fails unless each case's clocks from its kept facts equal those of the replay, now and at later instants. */
function expectKeptClocksEqualReplay(): CaseFacts[] {
  const cases = factsOfEveryCase();
  const calendar = loadCalendar(desk.h.desk.deps.db, desk.h.desk.deps.config.businessTimeZone);
  const now = desk.h.clock.now();
  for (const c of cases) {
    const severity = parseSeverity(c.severity);
    if (!severity) throw new Error(`case ${c.id} has no severity`);
    for (const at of [now, now + 90 * MINUTE, now + 3 * DAY, now + 40 * DAY]) {
      const replay = slaClocks({ severity, calendar, facts: c.replayed, now: at });
      expect(slaClocks({ severity, calendar, facts: c.kept, now: at }), `case ${c.id} at ${at}`).toEqual(replay);
    }
  }
  return cases;
}

/** Three cases, checked along the way: pauses, many contacts (two in one millisecond), a decision, a contact as it closes, an appeal. */
async function longHistory(): Promise<void> {
  const opened = await desk.openSev2();
  await desk.openSev2("A second visit, more tools gone");
  await desk.openSev2("Third report");
  moveCase(desk.h, "TS-2026-0002", "investigating", OWNER);
  moveCase(desk.h, "TS-2026-0003", "merged", USERS.lead);
  await desk.settleAt(opened, 30);
  moveCase(desk.h, CASE, "investigating", OWNER);
  for (let i = 0; i < 6; i++) {
    await desk.logMediationContact();
    moveCase(desk.h, CASE, i % 2 === 0 ? "waiting_reporter" : "waiting_respondent", OWNER);
    moveCase(desk.h, "TS-2026-0002", i % 2 === 0 ? "waiting_consult" : "investigating", OWNER);
    await desk.settleAt(opened, 60 * (i + 1) + 30);
    moveCase(desk.h, CASE, "investigating", OWNER);
    expectKeptClocksEqualReplay();
  }
  // Two contacts in the same millisecond: the next update runs from that instant, not from one of them.
  await desk.logMediationContact();
  await desk.logMediationContact();
  await desk.settleAt(opened, 8 * 60);
  await decideSanction(desk.h, {
    roomId: desk.roomId(),
    proposer: OWNER,
    approver: USERS.lead,
    rung: "suspension_30d",
    facts: "The pro took tools from the customer's garage during a booked job and refused to return them.",
  });
  // A contact and the resolution in one millisecond: the next update ran from the decision before them.
  await desk.settleAt(opened, 9 * 60);
  await desk.logMediationContact();
  moveCase(desk.h, CASE, "resolved", USERS.lead);
  expectKeptClocksEqualReplay();
  moveCase(desk.h, CASE, "closed", USERS.lead);
  await desk.settleAt(opened, 3 * 24 * 60);
  expectKeptClocksEqualReplay();
  const appeal = await desk.h.driver.command({
    text: "appeal D1 The tools came back",
    userId: OWNER,
    channelId: desk.roomId(),
  });
  expect(appeal.status).toBe(200);
  await desk.settleAt(opened, 4 * 24 * 60);
  await desk.logMediationContact();
  moveCase(desk.h, CASE, "investigating", OWNER);
  moveCase(desk.h, CASE, "waiting_reporter", OWNER);
  await desk.settleAt(opened, 5 * 24 * 60);
}

describe("the SLA facts kept for each case", () => {
  it("read as the replay of its whole timeline after a long history of moves, pauses, contacts, a decision and an appeal", async () => {
    await longHistory();
    const cases = expectKeptClocksEqualReplay();
    const busy = cases.find((c) => c.id === 1);
    // The history reached every kind of fact, and what is kept does not grow with it.
    expect(new Set(busy?.replayed.map((f) => f.kind))).toEqual(
      new Set(["opened", "status", "party_contact", "decision", "resolved"]),
    );
    expect(busy?.kept.filter((f) => f.kind === "party_contact" || f.kind === "decision").length).toBeLessThanOrEqual(3);
    expect(busy?.kept.length).toBeLessThan((busy?.replayed.length ?? 0) / 3);
  }, 60_000);

  it("are filled for the cases a database held before them by the upgrade migration", async () => {
    await longHistory();
    const before = factsOfEveryCase();
    const sqlite = desk.h.desk.database.sqlite;
    sqlite.exec("DELETE FROM sla_facts");
    const fill = readFileSync(MIGRATION, "utf8")
      .split("--> statement-breakpoint")
      .find((statement) => statement.includes("INSERT INTO"));
    sqlite.exec(fill ?? "");
    const filled = expectKeptClocksEqualReplay();
    expect(filled.map((c) => c.kept)).toEqual(before.map((c) => c.replayed));
    // The next event of a filled case keeps only what its clocks read, and still reads as the replay.
    moveCase(desk.h, CASE, "investigating", OWNER);
    const next = expectKeptClocksEqualReplay();
    expect(next[0]?.kept.length).toBeLessThan(before[0]?.replayed.length ?? 0);
  }, 60_000);
});
