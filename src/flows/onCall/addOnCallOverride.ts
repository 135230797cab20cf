import type { OnCallOverrideRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { inTransaction } from "../../store/database.ts";
import { currentOverrides, insertOverride } from "../../store/onCall.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";
import { assertCanTakePages } from "./assertCanTakePages.ts";
import { onScheduleChanged } from "./shiftReminders.ts";

/** Longer cover than this is a rotation change, not an override. */
export const MAX_OVERRIDE_DAYS = 31;
/** How far ahead an override may start: further out is a typo, and it would sit in every overview. */
export const MAX_OVERRIDE_LEAD_DAYS = 366;
// Caps what the overview lists and every page resolves; more is a mistake, not a schedule.
export const MAX_LIVE_OVERRIDES = 50;
const DAY_MS = 24 * 60 * 60_000;

export interface OverrideSpec {
  userId: string;
  from: number;
  to: number;
  /** Cover only this person's turns. */
  replaces: string | null;
}

/**
 * Someone covers the pager from…to; a later override wins over an earlier one and over every rotation. A
 * start in the past means now: the stored row, and its length, begin then.
 */
export function addOnCallOverride(deps: FlowDeps, actor: string, spec: OverrideSpec): OnCallOverrideRow {
  const now = deps.clock.now();
  const startsAt = Math.max(spec.from, now);
  if (spec.to <= spec.from) fail("invalid_input", "An override must end after it starts.");
  if (spec.to <= now) fail("invalid_input", "That override would already be over.");
  if (startsAt - now > MAX_OVERRIDE_LEAD_DAYS * DAY_MS) {
    fail("invalid_input", `An override starts at most ${MAX_OVERRIDE_LEAD_DAYS} days ahead.`);
  }
  if (spec.to - startsAt > MAX_OVERRIDE_DAYS * DAY_MS) {
    fail("invalid_input", `An override covers at most ${MAX_OVERRIDE_DAYS} days; change the rotation instead.`);
  }
  if (spec.replaces === spec.userId) fail("invalid_input", "Someone cannot cover their own turn.");
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.manage");
    assertCanTakePages(tx, deps, [spec.userId]);
    if (currentOverrides(tx, now).length >= MAX_LIVE_OVERRIDES) {
      fail("invalid_input", `There are already ${MAX_LIVE_OVERRIDES} current overrides; cancel one first.`);
    }
    const row = insertOverride(
      tx,
      { userId: spec.userId, startsAt, endsAt: spec.to, replaces: spec.replaces },
      actor,
      now,
    );
    onScheduleChanged(tx, deps, now);
    deps.log.info({ override: row.id, by: actor }, "on-call override added");
    return row;
  });
}
