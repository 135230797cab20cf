/** Who may do what (DESIGN §3 "Roles"): one table, read by one function that every flow calls. */

export const ROLES = ["admin", "lead", "specialist", "consultant", "observer"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "case.open",
  "case.list",
  /** What the case is about: its title, description, parties, evidence, timeline and summary. */
  "case.read",
  /** The consults of a case and who owes each answer; a consultant, only the ones sent to them. */
  "consult.read",
  "case.update",
  "case.verify",
  "war_room.open",
  "evidence.add",
  "evidence.redact",
  "consult.request",
  "consult.answer",
  "mediation.log",
  "sanction.propose",
  "sanction.vote",
  "role.manage",
  "team.manage",
  /** Every decision of every case leaves the system: leads and admins only. */
  "decision.export",
  /** Suspend an account at once, before any decision: leads and admins only (DESIGN §3). */
  "interim.apply",
  /** See the business calendar, the on-call schedule and who is on call now. */
  "oncall.read",
  /** Change business hours, holidays, on-call layers and overrides: leads and admins only. */
  "oncall.manage",
  /** Page the on-call person (or someone named) about a case, and acknowledge a page. */
  "page.send",
  /** Place or release a legal hold, which keeps a case's personal data past its retention: leads and admins only. */
  "case.hold",
  /** The team's reports (counts and times, no case or person): leads, admins and specialists, not readers. */
  "report.read",
  /** Decide which Zendesk tickets become cases, and see the ones ignored: leads and admins only. */
  "zendesk.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * `all`: on every case. `consulted`: only on cases where a consult was sent to this person; a
 * consultant sees nothing else, not even whether another case exists.
 */
type Grant = "all" | "consulted";

const EVERYTHING: Readonly<Record<Action, Grant>> = Object.fromEntries(ACTIONS.map((a) => [a, "all"])) as Record<
  Action,
  Grant
>;

export const PERMISSIONS: Readonly<Record<Role, Readonly<Partial<Record<Action, Grant>>>>> = {
  admin: EVERYTHING,
  lead: EVERYTHING,
  specialist: {
    "case.open": "all",
    "case.list": "all",
    "case.read": "all",
    "consult.read": "all",
    "case.update": "all",
    "case.verify": "all",
    "war_room.open": "all",
    "evidence.add": "all",
    "evidence.redact": "all",
    "consult.request": "all",
    "consult.answer": "all",
    "mediation.log": "all",
    "sanction.propose": "all",
    "sanction.vote": "all",
    "oncall.read": "all",
    "page.send": "all",
    "report.read": "all",
  },
  // Consultants see only the consults sent to them: never a case's description, parties or evidence.
  consultant: {
    "case.list": "consulted",
    "consult.read": "consulted",
    "consult.answer": "consulted",
  },
  observer: {
    "case.list": "all",
    "case.read": "all",
    "consult.read": "all",
    "case.verify": "all",
    "oncall.read": "all",
  },
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: "Admin",
  lead: "Lead",
  specialist: "Specialist",
  consultant: "Consultant",
  observer: "Observer",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface AccessContext {
  /** The person has been sent a consult on the case in question. */
  consultedOnCase?: boolean;
}

/** `role` is undefined for someone Incident Desk does not know: they may do nothing. */
export function isAllowed(role: Role | undefined, action: Action, context: AccessContext = {}): boolean {
  if (!role) return false;
  const grant = PERMISSIONS[role][action];
  if (grant === "all") return true;
  return grant === "consulted" && context.consultedOnCase === true;
}

/** Whether the role may `action` on some cases at least (every case, or the ones it was consulted on). */
export function mayOnSomeCases(role: Role | undefined, action: Action): boolean {
  return role !== undefined && PERMISSIONS[role][action] !== undefined;
}

/** Whether the role's view of cases is limited to the ones it was consulted on. */
export function seesOnlyConsultedCases(role: Role | undefined): boolean {
  return role !== undefined && PERMISSIONS[role]["case.list"] === "consulted";
}

/** Only admins make admins; leads manage every other role. */
export function mayGrantRole(granter: Role | undefined, target: Role, targetCurrent: Role | undefined): boolean {
  if (!isAllowed(granter, "role.manage")) return false;
  if (granter === "admin") return true;
  return target !== "admin" && targetCurrent !== "admin";
}
