import { describe, expect, it } from "vitest";
import { escalationPlan, nextStepAfterAck, shouldPage } from "../../src/core/paging.ts";
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

describe("nextStepAfterAck", () => {
  it.each([
    ["the primary acks before the secondary is paged", PAGED_AT + 3 * MINUTE],
    ["the secondary acks before the channel is told", PAGED_AT + 20 * MINUTE],
    ["someone acks after the channel was told", PAGED_AT + 45 * MINUTE],
  ])("stops every further step when %s", (_case, ackedAt) => {
    expect(nextStepAfterAck(escalationPlan("sev2", PAGED_AT), ackedAt)).toBeNull();
  });
});
