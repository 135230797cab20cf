import { describe, expect, it } from "vitest";
import type { BusinessCalendar } from "../../src/core/businessHours.ts";
import { slaClocks } from "../../src/core/slaClock.ts";
import { clock, fact, iso, office, opened, status } from "../support/slaFacts.ts";
import { la } from "../support/wallTime.ts";

describe("slaClocks", () => {
  it("returns the first response, next update and resolution clocks with the severity's targets", () => {
    const clocks = slaClocks({
      severity: "sev3",
      calendar: office,
      facts: [opened("2026-03-10 10:00")],
      now: la("2026-03-10 10:00"),
    });
    expect(clocks.map((c) => [c.name, c.target])).toEqual([
      ["first_response", { minutes: 480, clock: "business" }],
      ["next_update", { minutes: 960, clock: "business" }],
      ["resolution", { minutes: 2400, clock: "business" }],
    ]);
  });

  describe("a SEV3 opened Friday 16:00, first response due in 480 business minutes", () => {
    const facts = [opened("2026-03-06 16:00")];

    it.each([
      ["Friday 17:00, after the hour left that day", "2026-03-06 17:00", 60, false],
      ["Sunday noon, the weekend adds nothing", "2026-03-08 12:00", 60, false],
      ["Monday 15:59, one minute before breach", "2026-03-09 15:59", 479, false],
      ["Monday 16:00 PDT, the breach minute", "2026-03-09 16:00", 480, true],
      ["Tuesday 10:00, still breached", "2026-03-10 10:00", 600, true],
    ])("at %s (%s): %i minutes elapsed, breached: %s", (_label, now, elapsed, breached) => {
      const state = clock("first_response", "sev3", facts, now);
      expect(state.elapsedMinutes).toBe(elapsed);
      expect(state.breached).toBe(breached);
      expect(state.fraction).toBeCloseTo(elapsed / 480);
      expect(iso(state.dueAt)).toBe("2026-03-09T23:00:00.000Z");
    });

    it("breaches Tuesday 16:00 instead when Monday is a holiday", () => {
      const closedMonday: BusinessCalendar = { ...office, holidays: [{ date: "2026-03-09", name: "Office closed" }] };
      const state = clock("first_response", "sev3", facts, "2026-03-07 12:00", closedMonday);
      expect(iso(state.dueAt)).toBe(iso(la("2026-03-10 16:00")));
      expect(iso(state.dueAt)).toBe("2026-03-10T23:00:00.000Z");
    });

    it("is due for resolution after five business days, the next Friday 16:00", () => {
      expect(iso(clock("resolution", "sev3", facts, "2026-03-06 16:00").dueAt)).toBe(iso(la("2026-03-13 16:00")));
    });
  });

  describe("waiting on the reporter pauses the clock", () => {
    const facts = [
      opened("2026-03-10 10:00"),
      status("2026-03-10 10:30", "waiting_reporter"),
      status("2026-03-10 13:00", "investigating"),
    ];

    it.each([
      ["while waiting: paused, no due time", "2026-03-10 12:00", 30, true, null],
      ["after resuming: the wait does not count", "2026-03-10 13:30", 60, false, "2026-03-10 14:30"],
    ])("SEV2 first response (2 h calendar), %s", (_label, now, elapsed, paused, due) => {
      const state = clock("first_response", "sev2", facts, now);
      expect(state.elapsedMinutes).toBe(elapsed);
      expect(state.paused).toBe(paused);
      expect(state.dueAt).toBe(due === null ? null : la(due));
    });

    it("pauses a business clock too, across business hours", () => {
      const waitedOvernight = [
        opened("2026-03-10 09:00"),
        status("2026-03-10 10:00", "waiting_reporter"),
        status("2026-03-11 10:00", "investigating"),
      ];
      const state = clock("first_response", "sev3", waitedOvernight, "2026-03-11 11:00");
      expect(state.elapsedMinutes).toBe(120);
      expect(state.dueAt).toBe(la("2026-03-11 17:00"));
    });

    it("stays paused when the case moves from one waiting state to another", () => {
      const facts2 = [...facts.slice(0, 2), status("2026-03-10 11:00", "waiting_consult")];
      const state = clock("first_response", "sev2", facts2, "2026-03-10 15:00");
      expect(state).toMatchObject({ elapsedMinutes: 30, paused: true, dueAt: null, breached: false });
    });
  });

  describe("fulfilment", () => {
    it("a party contact fulfils the first response and stops its clock", () => {
      const facts = [opened("2026-03-10 10:00"), fact("2026-03-10 10:45", "party_contact")];
      const state = clock("first_response", "sev2", facts, "2026-03-10 15:00");
      expect(state).toMatchObject({
        fulfilledAt: la("2026-03-10 10:45"),
        elapsedMinutes: 45,
        breached: false,
        paused: false,
        dueAt: null,
      });
    });

    it("a party contact does not fulfil the resolution clock", () => {
      const facts = [opened("2026-03-10 10:00"), fact("2026-03-10 10:45", "party_contact")];
      const state = clock("resolution", "sev2", facts, "2026-03-10 15:00");
      expect(state.fulfilledAt).toBeNull();
      expect(state.elapsedMinutes).toBe(5 * 60);
    });

    it("a decision fulfils the first response but not the resolution", () => {
      const facts = [opened("2026-03-10 10:00"), fact("2026-03-10 11:00", "decision")];
      expect(clock("first_response", "sev2", facts, "2026-03-10 12:00").fulfilledAt).toBe(la("2026-03-10 11:00"));
      expect(clock("resolution", "sev2", facts, "2026-03-10 12:00").fulfilledAt).toBeNull();
    });

    it("resolving the case fulfils the resolution clock", () => {
      const facts = [opened("2026-03-10 10:00"), fact("2026-03-11 10:00", "resolved")];
      const state = clock("resolution", "sev2", facts, "2026-03-20 10:00");
      expect(state).toMatchObject({ fulfilledAt: la("2026-03-11 10:00"), elapsedMinutes: 8 * 60, breached: false });
    });

    it("a late contact fulfils the first response but the breach stands", () => {
      const facts = [opened("2026-03-10 10:00"), fact("2026-03-10 12:30", "party_contact")];
      const state = clock("first_response", "sev2", facts, "2026-03-10 15:00");
      expect(state).toMatchObject({ fulfilledAt: la("2026-03-10 12:30"), breached: true, elapsedMinutes: 150 });
    });

    it("a contact exactly at the due instant is on time", () => {
      const facts = [opened("2026-03-10 10:00"), fact("2026-03-10 12:00", "party_contact")];
      expect(clock("first_response", "sev2", facts, "2026-03-10 15:00").breached).toBe(false);
    });
  });

  describe("a SEV1 calendar clock ignores weekends and business hours", () => {
    const facts = [opened("2026-03-07 10:00")];

    it("counts Saturday minutes for the 30-minute first response", () => {
      const state = clock("first_response", "sev1", facts, "2026-03-07 10:20");
      expect(state.elapsedMinutes).toBe(20);
      expect(state.dueAt).toBe(la("2026-03-07 10:30"));
      expect(state.fraction).toBeCloseTo(20 / 30);
    });

    it("resolves 24 elapsed hours later, across spring-forward (11:00 PDT Sunday)", () => {
      const state = clock("resolution", "sev1", facts, "2026-03-07 10:00");
      expect(iso(state.dueAt)).toBe("2026-03-08T18:00:00.000Z");
      expect(state.dueAt).toBe(la("2026-03-08 11:00"));
    });

    it("reports the breach instant once past due", () => {
      const state = clock("first_response", "sev1", facts, "2026-03-07 11:00");
      expect(state).toMatchObject({ breached: true, elapsedMinutes: 60, fraction: 2, dueAt: la("2026-03-07 10:30") });
    });
  });

  describe("never back-dated: facts after now are ignored", () => {
    it.each([
      ["a future contact does not fulfil", [fact("2026-03-10 11:00", "party_contact")], 30, false],
      ["a future wait does not pause", [status("2026-03-10 10:45", "waiting_reporter")], 30, false],
    ])("%s", (_label, future, elapsed, paused) => {
      const state = clock("first_response", "sev2", [opened("2026-03-10 10:00"), ...future], "2026-03-10 10:30");
      expect(state).toMatchObject({
        elapsedMinutes: elapsed,
        paused,
        fulfilledAt: null,
        dueAt: la("2026-03-10 12:00"),
      });
    });

    it("a case opened in the future has not started", () => {
      const state = clock("first_response", "sev2", [opened("2026-03-10 11:00")], "2026-03-10 10:30");
      expect(state).toMatchObject({ elapsedMinutes: 0, dueAt: null, breached: false, fraction: 0 });
    });
  });

  it("reads facts in time order whatever order they are given in", () => {
    const facts = [
      status("2026-03-10 13:00", "investigating"),
      status("2026-03-10 10:30", "waiting_reporter"),
      opened("2026-03-10 10:00"),
    ];
    expect(clock("first_response", "sev2", facts, "2026-03-10 13:30").elapsedMinutes).toBe(60);
  });
});
