import type { JobRow } from "../../db/schema.ts";
import type { Executor } from "../store/database.ts";
import { dueJobsInClaimOrder, hasDueJobOfKind, leaseJob } from "../store/jobs.ts";
import type { JobPacing, PaceLedger } from "./pacing.ts";

// Due jobs read per free slot: room for the jobs passed over (a busy case's later ones, a spent channel's posts).
const CANDIDATES_PER_SLOT = 16;

export interface ClaimRound {
  now: number;
  limit: number;
  leaseMs: number;
  owner: string;
  /** Cases with a job running here: their later jobs wait for it. */
  busyCases: ReadonlySet<number>;
  pacing: JobPacing;
  ledger: PaceLedger;
}

export interface ClaimedRound {
  claimed: JobRow[];
  /** When the earliest job passed over for a spent budget may run, if one was. */
  heldUntil: number | undefined;
}

/** The kinds whose own budgets are spent now, with when each has room again. */
export function spentKinds(pacing: JobPacing, ledger: PaceLedger, now: number): Map<string, number> {
  const spent = new Map<string, number>();
  for (const kind of pacing.pacedKinds) {
    const roomAt = ledger.roomAt(pacing.budgetsOfKind(kind), now);
    if (roomAt > now) spent.set(kind, roomAt);
  }
  return spent;
}

/**
 * Leases up to `limit` due jobs, most severe first, whose Slack budgets have room, spending them; a case's
 * jobs run one at a time in queue order, different cases side by side. A job passed over stays due: no
 * attempt is counted and nothing is written.
 */
export function claimPacedJobs(tx: Executor, round: ClaimRound): ClaimedRound {
  const { now, limit, pacing, ledger } = round;
  if (limit <= 0) return { claimed: [], heldUntil: undefined };
  const candidates = dueJobsInClaimOrder(tx, {
    now,
    limit: limit * CANDIDATES_PER_SLOT,
    skipKinds: [...spentKinds(pacing, ledger, now).keys()],
    skipCases: [...round.busyCases],
  });
  const claimed: JobRow[] = [];
  const casesSeen = new Set<number>();
  let heldUntil: number | undefined;
  for (const job of candidates) {
    if (claimed.length >= limit) break;
    if (job.caseId !== null) {
      // Only a case's first due job may run: its later ones wait even when it is held for budget.
      if (casesSeen.has(job.caseId)) continue;
      casesSeen.add(job.caseId);
    }
    const budgets = pacing.budgetsOfJob(job);
    const roomAt = ledger.roomAt(budgets, now);
    if (roomAt > now) {
      heldUntil = Math.min(heldUntil ?? roomAt, roomAt);
      continue;
    }
    ledger.spend(budgets, now);
    claimed.push(leaseJob(tx, job.id, round));
  }
  return { claimed, heldUntil };
}

/** When held-back work (a spent kind with due jobs) may run next, if any is waiting. */
export function nextRoomForDueKinds(
  tx: Executor,
  pacing: JobPacing,
  ledger: PaceLedger,
  now: number,
): number | undefined {
  let next: number | undefined;
  for (const [kind, roomAt] of spentKinds(pacing, ledger, now)) {
    if (hasDueJobOfKind(tx, now, kind)) next = Math.min(next ?? roomAt, roomAt);
  }
  return next;
}
