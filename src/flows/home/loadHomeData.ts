import type { CaseRow } from "../../../db/schema.ts";
import type { BusinessCalendar } from "../../core/businessHours.ts";
import { type Handoff, nextHandoffs, type OnCall, whoIsOnCall } from "../../core/onCall.ts";
import { isAllowed, seesOnlyConsultedCases } from "../../core/permissions.ts";
import { AT_RISK_THRESHOLD, reachedThreshold, type SlaClockState } from "../../core/slaClock.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { listOpenCases, openCaseCountsBySeverity, openCasesOfUser } from "../../store/cases.ts";
import type { Executor } from "../../store/database.ts";
import { casesAtRiskBy } from "../../store/slaWatch.ts";
import type { FlowDeps } from "../deps.ts";
import { pagerSchedule } from "../onCall/onCallRoster.ts";
import { userRole } from "../roles/access.ts";
import { slaClocksOfCases } from "../sla/slaStatus.ts";

const HOME_CASES = 20;
const AT_RISK_SHOWN = 10;
/** At-risk cases counted at most: past it the home says "40+ more", and the count stays a few dozen index entries. */
export const AT_RISK_COUNTED = 50;

export interface AtRiskCase {
  record: CaseRow;
  /** Its most urgent running clock, at 90 % or past due. */
  clock: SlaClockState;
}

export interface OnCallNow {
  /** False while the schedule has no layer and no override at all. */
  configured: boolean;
  current: OnCall | undefined;
  next: Handoff | undefined;
}

export interface AtRiskSection {
  shown: AtRiskCase[];
  /** How many are at risk, counted up to AT_RISK_COUNTED. */
  total: number;
  /** More than AT_RISK_COUNTED are at risk. */
  moreThanCounted: boolean;
}

export interface HomeData {
  mine: CaseRow[];
  /** Whose cases `mine` are: opened or owned by the user, or (for a consultant) consulted on. */
  mineScope: "own" | "consulted";
  /** Open cases by severity; undefined for someone who may not list every case (it would reveal them). */
  queue: Readonly<Record<string, number>> | undefined;
  /** Undefined for someone who may not list every case: the section is left out. */
  atRisk: AtRiskSection | undefined;
  /** Undefined for someone who may not read the on-call schedule. */
  onCall: OnCallNow | undefined;
  now: number;
}

/** What one user's App Home shows, as far as their role lets them see. */
export function loadHomeData(deps: FlowDeps, userId: string): HomeData {
  const now = deps.clock.now();
  const role = userRole(deps.db, userId);
  const calendar = loadCalendar(deps.db, deps.config.businessTimeZone);
  // A consultant's list grant covers only consulted cases: they see neither the queue nor its clocks.
  const seesQueue = isAllowed(role, "case.list");
  const consulted = seesOnlyConsultedCases(role);
  return {
    mine: myCases(deps.db, userId, seesQueue, consulted),
    mineScope: consulted ? "consulted" : "own",
    queue: seesQueue ? openCaseCountsBySeverity(deps.db) : undefined,
    atRisk: seesQueue ? casesAtRisk(deps.db, calendar, now) : undefined,
    onCall: isAllowed(role, "oncall.read") ? onCallNow(deps.db, calendar, now, deps.botUserId) : undefined,
    now,
  };
}

/**
 * Someone who may list every case sees the ones they opened or own; a consultant only those they were
 * consulted on (even ones they opened before their role changed); someone without a role, none.
 */
function myCases(tx: Executor, userId: string, seesAll: boolean, consulted: boolean): CaseRow[] {
  if (consulted) return listOpenCases(tx, { limit: HOME_CASES, offset: 0, onlyConsultedBy: userId });
  return seesAll ? openCasesOfUser(tx, userId, HOME_CASES) : [];
}

/**
 * Open cases with a running clock at 90 % or past due, each by its most urgent clock, most urgent first.
 * The SLA checks keep each case's risk instant, so only the cases shown have their clocks read here.
 */
function casesAtRisk(tx: Executor, calendar: BusinessCalendar, now: number): AtRiskSection {
  const candidates = casesAtRiskBy(tx, now, { limit: AT_RISK_SHOWN, countUpTo: AT_RISK_COUNTED });
  const clocks = slaClocksOfCases(tx, candidates.cases, calendar, now);
  const shown = candidates.cases.flatMap((record): AtRiskCase[] => {
    const urgent = (clocks.get(record.id) ?? [])
      .filter((c) => (reachedThreshold(c) ?? 0) >= AT_RISK_THRESHOLD)
      .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0))[0];
    return urgent ? [{ record, clock: urgent }] : [];
  });
  shown.sort((a, b) => (a.clock.dueAt ?? 0) - (b.clock.dueAt ?? 0));
  return { shown, total: candidates.total, moreThanCounted: candidates.moreThanCounted };
}

function onCallNow(tx: Executor, calendar: BusinessCalendar, now: number, botUserId: string): OnCallNow {
  const schedule = pagerSchedule(tx, calendar, now, botUserId);
  return {
    configured: schedule.layers.length > 0 || schedule.overrides.length > 0,
    current: whoIsOnCall(schedule, now),
    next: nextHandoffs(schedule, now, 1)[0],
  };
}
