import { describe, expect, it } from "vitest";
import { type BusinessCalendar, defaultCalendar } from "../../src/core/businessHours.ts";
import type { CaseStatus } from "../../src/core/lifecycle.ts";
import type { Severity } from "../../src/core/severity.ts";
import {
  nextReminder,
  reachedThreshold,
  reminderThresholds,
  type SlaClockName,
  type SlaClockState,
  type SlaFact,
  slaClocks,
} from "../../src/core/slaClock.ts";
import { wallTime } from "../support/wallTime.ts";

const ZONE = "America/Los_Angeles";

/** An instant given as Los Angeles wall time, "2026-03-09 09:00". */
const la = (text: string) => wallTime(ZONE, text);

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

const office = defaultCalendar(ZONE);

const opened = (wallTime: string): SlaFact => ({ at: la(wallTime), kind: "opened", status: "investigating" });
const status = (wallTime: string, to: CaseStatus): SlaFact => ({ at: la(wallTime), kind: "status", status: to });
const fact = (wallTime: string, kind: SlaFact["kind"]): SlaFact => ({ at: la(wallTime), kind });

function clock(
  name: SlaClockName,
  severity: Severity,
  facts: SlaFact[],
  now: string,
  calendar: BusinessCalendar = office,
): SlaClockState {
  const state = slaClocks({ severity, calendar, facts, now: la(now) }).find((c) => c.name === name);
  if (!state) throw new Error(`no ${name} clock`);
  return state;
}

describe("reminderThresholds", () => {
  it("reminds at 50 %, 90 % and at breach", () => {
    expect(reminderThresholds()).toEqual([0.5, 0.9, 1]);
  });
});

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

describe("an appeal reopens a resolved case: the appellant is owed a response, updates and a resolution", () => {
  // SEV2: first response 2 h calendar, next update one business day, resolution three business days.
  const resolved = [
    opened("2026-03-10 10:00"),
    fact("2026-03-10 10:45", "party_contact"),
    status("2026-03-11 10:00", "resolved"),
    fact("2026-03-11 10:00", "resolved"),
  ];
  const appealed = [...resolved, status("2026-03-16 10:00", "appealed")];
  const answered = [
    ...appealed,
    status("2026-03-16 10:30", "investigating"),
    fact("2026-03-16 11:00", "party_contact"),
  ];
  const upheld = [...answered, status("2026-03-17 10:00", "closed"), fact("2026-03-17 10:00", "resolved")];
  const appealedAgain = [...upheld, status("2026-03-18 10:00", "appealed")];
  // The close form and an appeal recorded in the same millisecond: the appeal still comes after the close.
  const sameInstant = [
    opened("2026-03-10 10:00"),
    status("2026-03-11 10:00", "closed"),
    fact("2026-03-11 10:00", "resolved"),
    status("2026-03-11 10:00", "appealed"),
  ];

  type Expected = { cycleStart: string | null; fulfilledAt: string | null; dueAt: string | null; elapsed: number };
  const at = (wall: string | null) => (wall === null ? null : la(wall));

  it.each<[string, SlaClockName, SlaFact[], string, Expected, boolean]>([
    [
      "before the appeal, resolution was met when the case was resolved",
      "resolution",
      resolved,
      "2026-03-13 10:00",
      { cycleStart: "2026-03-10 10:00", fulfilledAt: "2026-03-11 10:00", dueAt: null, elapsed: 8 * 60 },
      false,
    ],
    [
      "the appeal starts a new first response, due two hours after it",
      "first_response",
      appealed,
      "2026-03-16 10:30",
      { cycleStart: "2026-03-16 10:00", fulfilledAt: null, dueAt: "2026-03-16 12:00", elapsed: 30 },
      false,
    ],
    [
      "the appeal's first response breaches when nobody answers the appellant",
      "first_response",
      appealed,
      "2026-03-16 13:00",
      { cycleStart: "2026-03-16 10:00", fulfilledAt: null, dueAt: "2026-03-16 12:00", elapsed: 180 },
      true,
    ],
    [
      "the appeal starts a new resolution clock, due three business days after it",
      "resolution",
      appealed,
      "2026-03-16 10:30",
      { cycleStart: "2026-03-16 10:00", fulfilledAt: null, dueAt: "2026-03-19 10:00", elapsed: 30 },
      false,
    ],
    [
      "next update waits for the appeal's first response, not the contacts of the first round",
      "next_update",
      appealed,
      "2026-03-16 10:30",
      { cycleStart: null, fulfilledAt: null, dueAt: null, elapsed: 0 },
      false,
    ],
    [
      "a contact after the appeal answers its first response",
      "first_response",
      answered,
      "2026-03-16 12:00",
      { cycleStart: "2026-03-16 10:00", fulfilledAt: "2026-03-16 11:00", dueAt: null, elapsed: 60 },
      false,
    ],
    [
      "a contact after the appeal starts next update",
      "next_update",
      answered,
      "2026-03-16 12:00",
      { cycleStart: "2026-03-16 11:00", fulfilledAt: null, dueAt: "2026-03-17 11:00", elapsed: 60 },
      false,
    ],
    [
      "the appeal upheld resolves the appeal's round, at the close that ended it",
      "resolution",
      upheld,
      "2026-03-20 10:00",
      { cycleStart: "2026-03-16 10:00", fulfilledAt: "2026-03-17 10:00", dueAt: null, elapsed: 8 * 60 },
      false,
    ],
    [
      "the appeal upheld ends its next update",
      "next_update",
      upheld,
      "2026-03-20 10:00",
      // Monday 11:00–17:00 and Tuesday 09:00–10:00 in business minutes.
      { cycleStart: "2026-03-16 11:00", fulfilledAt: "2026-03-17 10:00", dueAt: null, elapsed: 7 * 60 },
      false,
    ],
    [
      "a second appeal starts a round of its own",
      "resolution",
      appealedAgain,
      "2026-03-18 11:00",
      { cycleStart: "2026-03-18 10:00", fulfilledAt: null, dueAt: "2026-03-23 10:00", elapsed: 60 },
      false,
    ],
    [
      "an appeal recorded in the millisecond of the close still reopens it",
      "resolution",
      sameInstant,
      "2026-03-11 10:30",
      { cycleStart: "2026-03-11 10:00", fulfilledAt: null, dueAt: "2026-03-16 10:00", elapsed: 30 },
      false,
    ],
  ])("%s (%s)", (_label, name, facts, now, expected, breached) => {
    const state = clock(name, "sev2", facts, now);
    expect({
      cycleStart: state.cycleStart,
      fulfilledAt: state.fulfilledAt,
      dueAt: state.dueAt,
      elapsed: state.elapsedMinutes,
      breached: state.breached,
    }).toEqual({
      cycleStart: at(expected.cycleStart),
      fulfilledAt: at(expected.fulfilledAt),
      dueAt: at(expected.dueAt),
      elapsed: expected.elapsed,
      breached,
    });
  });

  it("plans the reopened first response's reminders from the appeal, not from the opening", () => {
    const state = clock("first_response", "sev2", appealed, "2026-03-16 10:00");
    expect(reachedThreshold(state)).toBeUndefined();
    expect(nextReminder(state, office, la("2026-03-16 10:00"))).toEqual({ threshold: 0.5, at: la("2026-03-16 11:00") });
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
