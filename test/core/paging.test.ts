import { describe, expect, it } from "vitest";
import {
  escalationPlan,
  MANUAL_PAGE_ACK_MINUTES,
  type PageState,
  type PageStepName,
  type PageTarget,
  pageAckMinutes,
  pageLadder,
  pageStepAction,
  pageStepDueAt,
  shouldPage,
} from "../../src/core/paging.ts";
import type { Severity } from "../../src/core/severity.ts";

const MINUTE = 60 * 1000;
const PAGED_AT = Date.UTC(2026, 2, 14, 10, 0);

describe("shouldPage (DESIGN §4)", () => {
  // The business-hours flag comes from the team calendar; the moment is named for the reader.
  it.each<[Severity, string, boolean, boolean]>([
    ["sev1", "Tuesday 11:00 (business hours)", false, true],
    ["sev1", "Saturday 02:00 (outside hours)", true, true],
    ["sev2", "Saturday 02:00 (outside hours)", true, true],
    ["sev2", "Tuesday 11:00 (business hours)", false, false],
    ["sev3", "Saturday 02:00 (outside hours)", true, false],
    ["sev3", "Tuesday 11:00 (business hours)", false, false],
    ["sev4", "Saturday 02:00 (outside hours)", true, false],
    ["sev4", "Tuesday 11:00 (business hours)", false, false],
  ])("%s on %s: outside hours %s -> pages %s", (severity, _moment, outsideBusinessHours, pages) => {
    expect(shouldPage(severity, outsideBusinessHours)).toBe(pages);
  });
});

describe("escalationPlan", () => {
  it("pages a SEV2's primary at once, the secondary after 15 minutes, the escalation channel after 30", () => {
    expect(escalationPlan("sev2", PAGED_AT)).toEqual([
      { step: "primary", at: PAGED_AT },
      { step: "secondary", at: PAGED_AT + 15 * MINUTE },
      { step: "escalation_channel", at: PAGED_AT + 30 * MINUTE },
    ]);
  });

  it("escalates a SEV1 every 5 minutes", () => {
    expect(escalationPlan("sev1", PAGED_AT).map((s) => s.at - PAGED_AT)).toEqual([0, 5 * MINUTE, 10 * MINUTE]);
  });

  it.each<Severity>(["sev3", "sev4"])("has no ladder for %s, which is never paged", (severity) => {
    expect(escalationPlan(severity, PAGED_AT)).toEqual([]);
  });
});

describe("pageAckMinutes and pageLadder", () => {
  it("gives a page the severity's ack target, and 15 minutes to a SEV3 or SEV4 paged by hand", () => {
    expect(pageAckMinutes("sev1")).toBe(5);
    expect(pageAckMinutes("sev2")).toBe(15);
    expect(pageAckMinutes("sev3")).toBe(MANUAL_PAGE_ACK_MINUTES);
    expect(pageAckMinutes("sev4")).toBe(15);
  });

  it("spaces the ladder by the ack target it is given", () => {
    expect(pageLadder(PAGED_AT, 15)).toEqual(escalationPlan("sev2", PAGED_AT));
    expect(pageLadder(PAGED_AT, 7).map((s) => s.at - PAGED_AT)).toEqual([0, 7 * MINUTE, 14 * MINUTE]);
  });
});

describe("pageStepAction", () => {
  const ANA = "U0ANA01";
  const BEN = "U0BEN01";
  const TAKEN = PAGED_AT;
  const page = (overrides: Partial<PageState> = {}): PageState => ({
    status: "paging",
    step: "primary",
    stepAt: null,
    primaryUser: ANA,
    secondaryUser: BEN,
    ackMinutes: 15,
    ...overrides,
  });
  const person = (userId: string): PageTarget => ({ kind: "person", userId });
  const channel: PageTarget = { kind: "escalation_channel" };

  it.each<[string, Partial<PageState>, PageStepName, PageTarget | null]>([
    ["DMs the primary first", {}, "primary", person(ANA)],
    ["does not DM the primary again once that step was taken", { stepAt: TAKEN }, "primary", null],
    ["DMs the secondary once the primary step was taken", { stepAt: TAKEN }, "secondary", person(BEN)],
    [
      "tells the channel once the secondary step was taken",
      { step: "secondary", stepAt: TAKEN },
      "escalation_channel",
      channel,
    ],
    ["skips a missing primary straight to the channel", { primaryUser: null }, "primary", channel],
    ["skips a missing secondary straight to the channel", { secondaryUser: null, stepAt: TAKEN }, "secondary", channel],
    ["does not tell the channel twice when the primary step already did", { primaryUser: null }, "secondary", null],
    [
      "nor once that step is recorded",
      { primaryUser: null, step: "escalation_channel", stepAt: TAKEN },
      "secondary",
      null,
    ],
    ["nor when the secondary step did", { secondaryUser: null }, "escalation_channel", null],
    ["nor when nobody was on call at all", { primaryUser: null, secondaryUser: null }, "escalation_channel", null],
    ["does nothing once acknowledged", { status: "acknowledged" }, "secondary", null],
    ["does nothing after the channel was told", { status: "exhausted", step: "escalation_channel" }, "primary", null],
    ["does not repeat a step already taken", { step: "secondary", stepAt: TAKEN }, "secondary", null],
    ["does not go back to a step already passed", { step: "secondary", stepAt: TAKEN }, "primary", null],
  ])("%s", (_case, overrides, step, expected) => {
    expect(pageStepAction(page(overrides), step)).toEqual(expected);
  });

  it.each<PageStepName>(["primary", "secondary", "escalation_channel"])(
    "stops the %s step when the page was acknowledged, whichever step it reached",
    (step) => {
      for (const reached of ["primary", "secondary", "escalation_channel"] as const) {
        expect(pageStepAction(page({ status: "acknowledged", step: reached, stepAt: TAKEN }), step)).toBeNull();
      }
    },
  );
});

describe("pageStepDueAt: each person gets a full ack window after the step before theirs went out", () => {
  const page = (overrides: Partial<PageState> = {}): PageState => ({
    status: "paging",
    step: "primary",
    stepAt: null,
    primaryUser: "U0ANA01",
    secondaryUser: "U0BEN01",
    ackMinutes: 15,
    ...overrides,
  });
  const T = PAGED_AT;

  it.each<[string, Partial<PageState>, PageStepName, number, number | undefined, number | undefined]>([
    ["sends the primary at once", {}, "primary", T + 40 * MINUTE, undefined, undefined],
    [
      "holds the secondary until 15 min after the primary went out",
      { stepAt: T },
      "secondary",
      T + 10 * MINUTE,
      undefined,
      T + 15 * MINUTE,
    ],
    ["sends the secondary once those 15 min are up", { stepAt: T }, "secondary", T + 15 * MINUTE, undefined, undefined],
    [
      "after downtime, waits 15 min past the primary's late DM, not the ladder's original times",
      { stepAt: T + 40 * MINUTE },
      "secondary",
      T + 40 * MINUTE,
      undefined,
      T + 55 * MINUTE,
    ],
    [
      "while the primary's job has not run yet, waits a full window past it",
      {},
      "secondary",
      T + 40 * MINUTE,
      T,
      T + 55 * MINUTE,
    ],
    [
      "while the primary's job is retrying until later, waits a full window past that",
      {},
      "secondary",
      T + 15 * MINUTE,
      T + 20 * MINUTE,
      T + 35 * MINUTE,
    ],
    ["goes ahead when the primary's job gave up for good", {}, "secondary", T + 15 * MINUTE, undefined, undefined],
    [
      "holds the channel until 15 min after the secondary went out",
      { step: "secondary", stepAt: T + 20 * MINUTE },
      "escalation_channel",
      T + 30 * MINUTE,
      undefined,
      T + 35 * MINUTE,
    ],
    [
      "holds the channel while the secondary's job is still to run",
      { stepAt: T },
      "escalation_channel",
      T + 30 * MINUTE,
      T + 15 * MINUTE,
      T + 45 * MINUTE,
    ],
  ])("%s", (_case, overrides, step, now, previousDueAt, expected) => {
    expect(pageStepDueAt(page(overrides), step, now, previousDueAt)).toBe(expected);
  });
});
