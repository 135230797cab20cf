import type { JobRow } from "../../db/schema.ts";

/** At most `limit` calls in any `windowMs`, counted under `key` (a method, or a method in one channel). */
export interface PaceBudget {
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * What each job spends of the outside world's rate limits, told by the composition root so the runner stays
 * ignorant of Slack. A job is claimed only when every budget it spends has room.
 */
export interface JobPacing {
  /** Budgets every job of a kind spends whatever its payload: while one is spent, no job of the kind is read. */
  budgetsOfKind(kind: string): readonly PaceBudget[];
  /** Every budget this job spends: its kind's, plus those that depend on the job (the channel it posts to). */
  budgetsOfJob(job: JobRow): readonly PaceBudget[];
  /** The kinds with budgets of their own, for the runner to look at before it reads the queue. */
  readonly pacedKinds: readonly string[];
}

/** Nothing paced: jobs run as fast as they are claimed. */
export const UNPACED: JobPacing = { budgetsOfKind: () => [], budgetsOfJob: () => [], pacedKinds: [] };

/** The calls this runner made under each budget, in rolling windows (one process: the bot runs one runner). */
export class PaceLedger {
  private readonly spent = new Map<string, number[]>();

  /** When every budget has room for the calls the job makes under it: `now` if it has room now. */
  roomAt(budgets: readonly PaceBudget[], now: number): number {
    let at = now;
    for (const [{ key, limit, windowMs }, needed] of callsPerBudget(budgets)) {
      const calls = this.recent(key, windowMs, now);
      // Room comes once the oldest `excess` calls have left the window.
      const excess = calls.length + Math.min(needed, limit) - limit;
      const leaving = calls[excess - 1];
      if (excess > 0 && leaving !== undefined) at = Math.max(at, leaving + windowMs);
    }
    return at;
  }

  spend(budgets: readonly PaceBudget[], now: number): void {
    for (const { key } of budgets) {
      const calls = this.spent.get(key) ?? [];
      calls.push(now);
      this.spent.set(key, calls);
    }
  }

  private recent(key: string, windowMs: number, now: number): number[] {
    const calls = (this.spent.get(key) ?? []).filter((at) => now - at < windowMs);
    this.spent.set(key, calls);
    return calls;
  }
}

/** A job that calls one method twice names its budget twice: one entry per budget, with the calls counted. */
function callsPerBudget(budgets: readonly PaceBudget[]): Map<PaceBudget, number> {
  const byKey = new Map<string, { budget: PaceBudget; calls: number }>();
  for (const budget of budgets) {
    const seen = byKey.get(budget.key);
    byKey.set(budget.key, { budget, calls: (seen?.calls ?? 0) + 1 });
  }
  return new Map([...byKey.values()].map(({ budget, calls }) => [budget, calls]));
}
