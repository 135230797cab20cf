import type { OnCallLayerRow, OnCallOverrideRow } from "../../../db/schema.ts";
import { type Handoff, nextHandoffs, type OnCall, whoIsOnCall } from "../../core/onCall.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { inTransaction } from "../../store/database.ts";
import { currentOverrides, liveLayers } from "../../store/onCall.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";
import { type PassedOver, pagerRoster } from "./onCallRoster.ts";

const HANDOFFS_SHOWN = 5;

export interface OnCallOverview {
  timeZone: string;
  now: number;
  onCall: OnCall | undefined;
  handoffs: Handoff[];
  layers: OnCallLayerRow[];
  overrides: OnCallOverrideRow[];
  /** People on the schedule who cannot take pages now, whose turns pass to the next person. */
  passedOver: PassedOver[];
}

/** Who is on call now, the next hand-offs, and what the schedule is made of. */
export function loadOnCallOverview(deps: FlowDeps, actor: string): OnCallOverview {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.read");
    const calendar = loadCalendar(tx, deps.config.businessTimeZone);
    const { schedule, passedOver } = pagerRoster(tx, calendar, now, deps.botUserId);
    return {
      timeZone: calendar.timeZone,
      now,
      onCall: whoIsOnCall(schedule, now),
      handoffs: nextHandoffs(schedule, now, HANDOFFS_SHOWN),
      layers: liveLayers(tx),
      overrides: currentOverrides(tx, now),
      passedOver,
    };
  });
}
