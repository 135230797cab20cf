import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  type Action,
  isAllowed,
  mayGrantRole,
  mayOnSomeCases,
  ROLES,
  type Role,
} from "../../src/core/permissions.ts";

const SPECIALIST_CANNOT: Action[] = [
  "role.manage",
  "team.manage",
  "decision.export",
  "interim.apply",
  "oncall.manage",
  "case.hold",
  "zendesk.manage",
];
const OBSERVER_CAN: Action[] = ["case.list", "case.read", "consult.read", "case.verify", "oncall.read"];
// Only the consults sent to them: never a case's description, parties or evidence ("case.read").
const CONSULTANT_CAN_WHEN_CONSULTED: Action[] = ["case.list", "consult.read", "consult.answer"];

const expected = (role: Role, action: Action, consulted: boolean): boolean => {
  switch (role) {
    case "admin":
    case "lead":
      return true;
    case "specialist":
      return !SPECIALIST_CANNOT.includes(action);
    case "observer":
      return OBSERVER_CAN.includes(action);
    case "consultant":
      return consulted && CONSULTANT_CAN_WHEN_CONSULTED.includes(action);
  }
};

const table = ROLES.flatMap((role) =>
  ACTIONS.flatMap((action) => [false, true].map((consulted) => [role, action, consulted] as const)),
);

describe("the permission table", () => {
  it.each(table)("%s may %s (consulted on the case: %s) only as the roles table says", (role, action, consulted) => {
    expect(isAllowed(role, action, { consultedOnCase: consulted })).toBe(expected(role, action, consulted));
  });

  it.each(ACTIONS)("someone without a role may not %s", (action) => {
    expect(isAllowed(undefined, action, { consultedOnCase: true })).toBe(false);
  });
});

describe("what a role may read of a case (status, evidence list, timeline ask this)", () => {
  it.each<[Role | undefined, Action, boolean]>([
    ["consultant", "case.read", false],
    ["consultant", "consult.read", true],
    ["observer", "case.read", true],
    ["specialist", "case.read", true],
    ["lead", "consult.read", true],
    [undefined, "consult.read", false],
  ])("%s may %s on some cases: %s", (role, action, allowed) => {
    expect(mayOnSomeCases(role, action)).toBe(allowed);
  });

  it("refuses a consultant the case itself, evidence included, even on a case they were consulted on", () => {
    expect(isAllowed("consultant", "case.read", { consultedOnCase: true })).toBe(false);
    expect(isAllowed("consultant", "consult.read", { consultedOnCase: true })).toBe(true);
    expect(isAllowed("consultant", "consult.read", { consultedOnCase: false })).toBe(false);
  });
});

describe("who may grant which role", () => {
  it.each<[Role | undefined, Role, Role | undefined, boolean]>([
    ["admin", "admin", undefined, true],
    ["admin", "specialist", "admin", true],
    ["lead", "specialist", undefined, true],
    ["lead", "lead", "specialist", true],
    ["lead", "admin", "lead", false],
    ["lead", "observer", "admin", false],
    ["specialist", "observer", undefined, false],
    ["observer", "specialist", undefined, false],
    ["consultant", "specialist", undefined, false],
    [undefined, "specialist", undefined, false],
  ])("%s granting %s to someone who is %s: %s", (granter, target, current, allowed) => {
    expect(mayGrantRole(granter, target, current)).toBe(allowed);
  });
});
