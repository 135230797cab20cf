import { describe, expect, it } from "vitest";
import {
  BUSINESS_DAY_MINUTES,
  isAtLeastAsSevere,
  isMoreSevere,
  needsWarRoomAtIntake,
  parseSeverity,
  SEVERITIES,
  SEVERITY_POLICIES,
  type Severity,
  severityPolicy,
} from "../../src/core/severity.ts";

const HOUR = 60;
const BUSINESS_DAY = BUSINESS_DAY_MINUTES;

describe("severity policies (DESIGN §3 table)", () => {
  it("counts a business day as eight business hours", () => {
    expect(BUSINESS_DAY_MINUTES).toBe(8 * HOUR);
  });

  it.each([
    [
      "sev1",
      "SEV1",
      "always",
      "always",
      5,
      { minutes: 30, clock: "calendar" },
      { minutes: 2 * HOUR, clock: "calendar" },
      { minutes: 24 * HOUR, clock: "calendar" },
    ],
    [
      "sev2",
      "SEV2",
      "always",
      "outside_business_hours",
      15,
      { minutes: 2 * HOUR, clock: "calendar" },
      { minutes: 1 * BUSINESS_DAY, clock: "business" },
      { minutes: 3 * BUSINESS_DAY, clock: "business" },
    ],
    [
      "sev3",
      "SEV3",
      "on_request",
      "never",
      null,
      { minutes: 1 * BUSINESS_DAY, clock: "business" },
      { minutes: 2 * BUSINESS_DAY, clock: "business" },
      { minutes: 5 * BUSINESS_DAY, clock: "business" },
    ],
    [
      "sev4",
      "SEV4",
      "on_request",
      "never",
      null,
      { minutes: 2 * BUSINESS_DAY, clock: "business" },
      { minutes: 5 * BUSINESS_DAY, clock: "business" },
      { minutes: 10 * BUSINESS_DAY, clock: "business" },
    ],
  ] as const)(
    "%s is %s: war room %s, paging %s, ack %s min, first response %o, next update %o, resolution %o",
    (sev, label, warRoom, paging, ackMinutes, firstResponse, nextUpdate, resolution) => {
      expect(severityPolicy(sev)).toMatchObject({
        label,
        warRoom,
        paging,
        ackMinutes,
        firstResponse,
        nextUpdate,
        resolution,
      });
    },
  );

  it("has a policy, with a meaning, for every severity and nothing else", () => {
    expect(Object.keys(SEVERITY_POLICIES).sort()).toEqual([...SEVERITIES].sort());
    for (const sev of SEVERITIES) expect(severityPolicy(sev).meaning.length).toBeGreaterThan(0);
  });

  it("pages with an ack target exactly when it pages at all", () => {
    for (const sev of SEVERITIES) {
      const policy = severityPolicy(sev);
      expect(policy.ackMinutes === null).toBe(policy.paging === "never");
    }
  });

  it("never sets a first-response target longer than the resolution target of the same clock", () => {
    for (const sev of SEVERITIES) {
      const { firstResponse, resolution } = severityPolicy(sev);
      if (firstResponse.clock === resolution.clock) expect(firstResponse.minutes).toBeLessThan(resolution.minutes);
    }
  });

  it("never sets a next-update target longer than the resolution target of the same clock", () => {
    for (const sev of SEVERITIES) {
      const { nextUpdate, resolution } = severityPolicy(sev);
      if (nextUpdate.clock === resolution.clock) expect(nextUpdate.minutes).toBeLessThan(resolution.minutes);
    }
  });
});

describe("severity ordering", () => {
  const more: [Severity, Severity, boolean][] = [
    ["sev1", "sev2", true],
    ["sev1", "sev4", true],
    ["sev2", "sev3", true],
    ["sev3", "sev4", true],
    ["sev2", "sev1", false],
    ["sev4", "sev1", false],
    ["sev4", "sev3", false],
    ["sev1", "sev1", false],
    ["sev3", "sev3", false],
  ];

  it.each(more)("isMoreSevere(%s, %s) is %s", (a, b, expected) => {
    expect(isMoreSevere(a, b)).toBe(expected);
  });

  it.each(more)("isAtLeastAsSevere(%s, %s) holds when more severe or equal", (a, b) => {
    expect(isAtLeastAsSevere(a, b)).toBe(isMoreSevere(a, b) || a === b);
  });

  it("lists severities from most to least severe", () => {
    for (let i = 1; i < SEVERITIES.length; i++) {
      const previous = SEVERITIES[i - 1] as Severity;
      const current = SEVERITIES[i] as Severity;
      expect(isMoreSevere(previous, current)).toBe(true);
    }
  });
});

describe("parseSeverity", () => {
  it.each([
    ["sev1", "sev1"],
    ["SEV2", "sev2"],
    [" Sev3 ", "sev3"],
    ["sev4", "sev4"],
  ] as const)("reads %j as %s", (input, expected) => {
    expect(parseSeverity(input)).toBe(expected);
  });

  it.each(["", "sev0", "sev5", "sev 1", "high", "1", "constructor", "toString"])("rejects %j", (input) => {
    expect(parseSeverity(input)).toBeUndefined();
  });
});

describe("needsWarRoomAtIntake", () => {
  it.each([
    ["sev1", true],
    ["sev2", true],
    ["sev3", false],
    ["sev4", false],
  ] as const)("%s opens a war room at intake: %s", (sev, expected) => {
    expect(needsWarRoomAtIntake(sev)).toBe(expected);
  });
});
