import { describe, expect, it } from "vitest";
import { clock, fact, opened, status } from "../support/slaFacts.ts";
import { la } from "../support/wallTime.ts";

describe("slaClocks", () => {
  describe("time left and the breach instant", () => {
    const facts = [opened("2026-03-10 10:00")];

    it.each([
      ["half-way", "2026-03-10 11:00", 60, null],
      ["at the due instant", "2026-03-10 12:00", 0, "2026-03-10 12:00"],
      ["half an hour late", "2026-03-10 12:30", -30, "2026-03-10 12:00"],
    ])("SEV2 first response %s: %i minutes left, breached at %s", (_label, now, leftMinutes, breachedAt) => {
      const state = clock("first_response", "sev2", facts, now);
      expect(state.remainingMs).toBe(leftMinutes * 60_000);
      expect(state.breachedAt).toBe(breachedAt === null ? null : la(breachedAt));
      expect(state.cycleStart).toBe(la("2026-03-10 10:00"));
    });

    it("counts business time left on a business clock, not wall time", () => {
      // SEV3 opened Friday 16:00; by Monday 10:00 one hour on Friday and one on Monday have been used.
      const state = clock("first_response", "sev3", [opened("2026-03-06 16:00")], "2026-03-09 10:00");
      expect(state.remainingMs).toBe((480 - 120) * 60_000);
    });

    it("has no time left to show once paused or fulfilled", () => {
      const waiting = [...facts, status("2026-03-10 10:30", "waiting_reporter")];
      expect(clock("first_response", "sev2", waiting, "2026-03-10 11:00").remainingMs).toBeNull();
      const answered = [...facts, fact("2026-03-10 10:30", "party_contact")];
      expect(clock("first_response", "sev2", answered, "2026-03-10 11:00").remainingMs).toBeNull();
    });

    it("resolving a case no one was contacted about ends its first response too", () => {
      const state = clock(
        "first_response",
        "sev3",
        [...facts, status("2026-03-10 11:00", "resolved"), fact("2026-03-10 11:00", "resolved")],
        "2026-03-12 11:00",
      );
      expect(state).toMatchObject({ fulfilledAt: la("2026-03-10 11:00"), dueAt: null, breached: false });
    });
  });

  describe("next update (SEV2: one business day after each party-facing contact or decision)", () => {
    const start = [opened("2026-03-10 10:00"), fact("2026-03-10 10:45", "party_contact")];

    it("has not started before the first response", () => {
      const state = clock("next_update", "sev2", [opened("2026-03-10 10:00")], "2026-03-10 11:00");
      expect(state).toMatchObject({ cycleStart: null, dueAt: null, remainingMs: null, breached: false, fraction: 0 });
    });

    it("starts at the first response: 375 minutes left on Tuesday, the other 105 on Wednesday", () => {
      const state = clock("next_update", "sev2", start, "2026-03-10 10:45");
      expect(state).toMatchObject({ cycleStart: la("2026-03-10 10:45"), elapsedMinutes: 0, fulfilledAt: null });
      expect(state.dueAt).toBe(la("2026-03-11 10:45"));
    });

    it("a later decision fulfils the running cycle and starts a new one", () => {
      const facts = [...start, fact("2026-03-11 09:30", "decision")];
      const state = clock("next_update", "sev2", facts, "2026-03-11 10:00");
      expect(state).toMatchObject({ cycleStart: la("2026-03-11 09:30"), elapsedMinutes: 30, breached: false });
      expect(state.dueAt).toBe(la("2026-03-12 09:30"));
    });

    it("breaches when no update follows within the business day", () => {
      const state = clock("next_update", "sev2", start, "2026-03-12 12:00");
      // Tuesday 10:45–17:00 (375) + Wednesday (480) + Thursday 09:00–12:00 (180) = 1035 business minutes.
      expect(state).toMatchObject({ elapsedMinutes: 1035, breached: true, breachedAt: la("2026-03-11 10:45") });
      expect(state.remainingMs).toBe((480 - 1035) * 60_000);
    });

    it("pauses while the case waits on a party", () => {
      const facts = [
        ...start,
        status("2026-03-10 11:45", "waiting_reporter"),
        status("2026-03-11 11:45", "investigating"),
      ];
      const paused = clock("next_update", "sev2", facts, "2026-03-11 10:00");
      expect(paused).toMatchObject({ paused: true, dueAt: null, elapsedMinutes: 60 });
      // 60 before the wait + 15 after it; the 405 left run Wednesday 12:00–17:00 and Thursday 09:00–10:45.
      const resumed = clock("next_update", "sev2", facts, "2026-03-11 12:00");
      expect(resumed).toMatchObject({ paused: false, elapsedMinutes: 75, dueAt: la("2026-03-12 10:45") });
    });

    it("a cycle started by a contact logged while waiting stays paused until the case resumes", () => {
      const facts = [
        opened("2026-03-10 10:00"),
        status("2026-03-10 10:30", "waiting_respondent"),
        fact("2026-03-10 11:00", "party_contact"),
      ];
      const state = clock("next_update", "sev2", facts, "2026-03-10 15:00");
      expect(state).toMatchObject({ cycleStart: la("2026-03-10 11:00"), paused: true, elapsedMinutes: 0, dueAt: null });
    });

    it("ends when the case is resolved, and a contact after that starts no new cycle", () => {
      const facts = [...start, fact("2026-03-11 10:00", "resolved"), fact("2026-03-11 10:30", "party_contact")];
      const state = clock("next_update", "sev2", facts, "2026-03-13 10:00");
      expect(state).toMatchObject({
        cycleStart: la("2026-03-10 10:45"),
        fulfilledAt: la("2026-03-11 10:00"),
        breached: false,
        dueAt: null,
      });
    });
  });
});
