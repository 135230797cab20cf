import { subMonths } from "date-fns/subMonths";
import { REPEAT_OFFENDER_STRIKES, SANCTION_RUNGS, STRIKE_WINDOW_MONTHS } from "../../core/sanctions.ts";
import type { Executor } from "../../store/database.ts";
import { standingDecisionsOfAccount } from "../../store/sanctions.ts";

export interface AccountStrikes {
  /** Decisions above a warning in the last STRIKE_WINDOW_MONTHS, not reversed or replaced since. */
  strikes: number;
  repeatOffender: boolean;
}

export function accountStrikes(tx: Executor, accountId: number, now: number): AccountStrikes {
  const since = subMonths(now, STRIKE_WINDOW_MONTHS).getTime();
  const strikes = standingDecisionsOfAccount(tx, accountId, since).filter((d) => {
    const { tier } = SANCTION_RUNGS[d.rung];
    return tier !== "warning" && tier !== "none";
  }).length;
  return { strikes, repeatOffender: strikes >= REPEAT_OFFENDER_STRIKES };
}
