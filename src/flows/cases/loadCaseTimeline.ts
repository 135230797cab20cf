import type { CaseEventRow, CaseRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { latestEventSeq, latestEventsOfCase } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";
import { caseFromCommand } from "./caseForAction.ts";

export const TIMELINE_DEFAULT_EVENTS = 15;
/** One section per event, plus a header and a footer, stays within Slack's 50 blocks per message. */
export const TIMELINE_MAX_EVENTS = 40;

export interface CaseTimeline {
  record: CaseRow;
  /** The latest events, oldest first. */
  events: CaseEventRow[];
  total: number;
}

export interface CaseTimelineInput {
  userId: string;
  idText: string | undefined;
  channelId: string;
  /** How many of the latest events; more than the maximum shows the maximum. */
  count?: number | undefined;
}

/** The latest events of a case's record, for someone who may read the case. */
export function loadCaseTimeline(deps: FlowDeps, input: CaseTimelineInput): CaseTimeline {
  const count = input.count ?? TIMELINE_DEFAULT_EVENTS;
  if (!Number.isInteger(count) || count < 1) {
    fail("invalid_input", `Ask for 1 to ${TIMELINE_MAX_EVENTS} events, like \`timeline TS-2026-0042 20\`.`);
  }
  const record = caseFromCommand(deps, input, "case.read");
  const events = latestEventsOfCase(deps.db, record.id, Math.min(count, TIMELINE_MAX_EVENTS));
  return { record, events, total: latestEventSeq(deps.db, record.id) };
}
