import { describe, expect, it } from "vitest";
import type { Severity } from "../../src/core/severity.ts";
import { nextReminder, reachedThreshold, reminderThresholds, type SlaFact } from "../../src/core/slaClock.ts";
import { clock, fact, office, opened, status } from "../support/slaFacts.ts";
import { la } from "../support/wallTime.ts";

describe("reminderThresholds", () => {
  it("reminds at 50 %, 90 % and at breach", () => {
    expect(reminderThresholds()).toEqual([0.5, 0.9, 1]);
  });
});

describe("reminder thresholds of a clock", () => {
  type Row = [now: string, reached: number | undefined, next: number | undefined, at: string | undefined];

  /** Where the first-response reminders stand at `now`: the threshold reached and the next one ahead. */
  function expectThresholds(severity: Severity, facts: SlaFact[], [now, reached, next, at]: Row): void {
    const state = clock("first_response", severity, facts, now);
    expect(reachedThreshold(state)).toBe(reached);
    const upcoming = nextReminder(state, office, la(now));
    expect(upcoming?.threshold).toBe(next);
    expect(upcoming?.at).toBe(at === undefined ? undefined : la(at));
  }

  const sev2 = [opened("2026-03-10 10:00")];
  it.each<Row>([
    ["2026-03-10 10:00", undefined, 0.5, "2026-03-10 11:00"],
    ["2026-03-10 10:59", undefined, 0.5, "2026-03-10 11:00"],
    ["2026-03-10 11:00", 0.5, 0.9, "2026-03-10 11:48"],
    ["2026-03-10 11:48", 0.9, 1, "2026-03-10 12:00"],
    ["2026-03-10 12:00", 1, undefined, undefined],
    ["2026-03-10 13:00", 1, undefined, undefined],
  ])("SEV2 first response (2 h calendar) at %s: reached %s, next %s at %s", (...row) => {
    expectThresholds("sev2", sev2, row);
  });

  const sev3 = [opened("2026-03-06 16:00")];
  it.each<Row>([
    // 50 % = 240 business minutes: Friday's last hour, then Monday 09:00–12:00.
    ["2026-03-06 16:00", undefined, 0.5, "2026-03-09 12:00"],
    ["2026-03-08 12:00", undefined, 0.5, "2026-03-09 12:00"],
    // 90 % = 432: Friday 60 + Monday 372 (09:00–15:12).
    ["2026-03-09 12:00", 0.5, 0.9, "2026-03-09 15:12"],
    ["2026-03-09 15:12", 0.9, 1, "2026-03-09 16:00"],
    ["2026-03-09 16:00", 1, undefined, undefined],
  ])("SEV3 first response (one business day) at %s: reached %s, next %s at %s", (...row) => {
    expectThresholds("sev3", sev3, row);
  });

  it("moves the next threshold back by the time spent waiting", () => {
    const facts = [
      ...sev2,
      status("2026-03-10 10:30", "waiting_reporter"),
      status("2026-03-10 13:00", "investigating"),
    ];
    const state = clock("first_response", "sev2", facts, "2026-03-10 13:00");
    expect(nextReminder(state, office, la("2026-03-10 13:00"))).toEqual({ threshold: 0.5, at: la("2026-03-10 13:30") });
  });

  it.each([
    ["paused", [...sev2, status("2026-03-10 11:50", "waiting_consult")]],
    ["fulfilled", [...sev2, fact("2026-03-10 11:50", "party_contact")]],
  ])("reminds of nothing on a %s clock, even past 90 %%", (_label, facts) => {
    const state = clock("first_response", "sev2", facts, "2026-03-10 13:00");
    expect(reachedThreshold(state)).toBeUndefined();
    expect(nextReminder(state, office, la("2026-03-10 13:00"))).toBeUndefined();
  });
});
