import type { WebClient } from "@slack/web-api";
import type { FlowDeps } from "../flows/deps.ts";
import { checkDatabaseWrites } from "../flows/health/checkDatabaseWrites.ts";
import type { Scheduler } from "../scheduler/scheduler.ts";
import { classifyFailure, slackErrorCode } from "../scheduler/slackFailure.ts";
import { settlesWithin } from "../settlesWithin.ts";

/** How often a probe may ask Slack's auth.test again: a revoked token shows within this, at one call per period. */
export const AUTH_RECHECK_MS = 5 * 60_000;
/** The runner looks for due jobs every second when idle; a minute without a look means its loop is stuck. */
export const SCHEDULER_STALL_MS = 60_000;
// A probe waits this long for a due auth.test; a slower Slack answers the next probe instead.
const AUTH_PROBE_WAIT_MS = 2_000;

export interface ReadinessReport {
  ready: boolean;
  checks: {
    database: { state: string };
    slackAuth: { state: string; checkedAt: string };
    scheduler: { state: string; lastLookedAt: string | null };
  };
}

interface ReadinessSources {
  deps: FlowDeps;
  slack: WebClient;
  scheduler: Scheduler;
}

/**
 * What `/readyz` answers: whether the database takes a write, Slack accepted the token (auth.test, at start
 * and again when a probe finds the last answer older than AUTH_RECHECK_MS), and the job runner is looking.
 */
export class Readiness {
  private auth: { state: string; checkedAt: number };
  private authRecheck: Promise<void> | undefined;

  /** `authCheckedAt`: when start-up's auth.test succeeded (start refuses to serve without it). */
  constructor(
    private readonly sources: ReadinessSources,
    authCheckedAt: number,
  ) {
    this.auth = { state: "ok", checkedAt: authCheckedAt };
  }

  async check(): Promise<ReadinessReport> {
    const { deps, scheduler } = this.sources;
    await this.recheckAuthIfDue(deps.clock.now());
    const database = checkDatabaseWrites(deps);
    const now = deps.clock.now();
    const lastLook = scheduler.lastLookedAt();
    const schedulerState =
      lastLook === undefined ? "not_started" : now - lastLook > SCHEDULER_STALL_MS ? "stalled" : "ok";
    return {
      ready: database === "ok" && this.auth.state === "ok" && schedulerState === "ok",
      checks: {
        database: { state: database },
        slackAuth: { state: this.auth.state, checkedAt: new Date(this.auth.checkedAt).toISOString() },
        scheduler: {
          state: schedulerState,
          lastLookedAt: lastLook === undefined ? null : new Date(lastLook).toISOString(),
        },
      },
    };
  }

  private async recheckAuthIfDue(now: number): Promise<void> {
    if (now - this.auth.checkedAt < AUTH_RECHECK_MS) return;
    this.authRecheck ??= this.recheckAuth().finally(() => {
      this.authRecheck = undefined;
    });
    await settlesWithin(this.authRecheck, AUTH_PROBE_WAIT_MS);
  }

  private async recheckAuth(): Promise<void> {
    const { deps, slack } = this.sources;
    try {
      await slack.auth.test();
      this.auth = { state: "ok", checkedAt: deps.clock.now() };
    } catch (error) {
      const state = slackErrorCode(error) ?? classifyFailure(error).kind;
      deps.log.warn({ method: "auth.test", error: state }, "readiness: Slack refused the bot token check");
      this.auth = { state, checkedAt: deps.clock.now() };
    }
  }
}
