import { describe, expect, it } from "vitest";
import { nextReminder, reachedThreshold, type SlaClockName, type SlaFact } from "../../src/core/slaClock.ts";
import { clock, fact, office, opened, status } from "../support/slaFacts.ts";
import { la } from "../support/wallTime.ts";

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
