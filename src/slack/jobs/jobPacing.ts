import type { JobRow } from "../../../db/schema.ts";
import { caseRoomChannel } from "../../flows/cases/caseRoomChannel.ts";
import { pageStepPostsToChannel } from "../../flows/paging/pageStepChannel.ts";
import { reportPostChannel } from "../../flows/reports/reportPostChannel.ts";
import type { JobPacing, PaceBudget } from "../../scheduler/pacing.ts";
import { methodBudget, postMessageBudget, type TieredMethod } from "../rateLimits.ts";
import type { SlackDeps } from "../slackDeps.ts";

/**
 * Where a job's chat.postMessage goes, when it is one channel whose once-a-second limit applies: a configured
 * channel, the same for every job of the kind, or a channel found from the job (undefined: a DM, or nothing).
 */
export type PostTarget = "triage" | "escalation" | ((deps: SlackDeps, job: JobRow) => string | undefined);

/** The case's war room, or the triage channel whose thread it lives in while it has none. */
export const caseRoom: PostTarget = (deps, job) =>
  job.caseId === null ? undefined : caseRoomChannel(deps.db, job.caseId, deps.config.slack.triageChannelId);

/** A page step with nobody to DM posts in the escalation channel; the others are DMs. */
export const pageTarget: PostTarget = (deps, job) =>
  pageStepPostsToChannel(deps.db, job.payload) ? deps.config.slack.escalationChannelId : undefined;

/** The weekly report posts in REPORT_CHANNEL_ID; a requested one in a DM or a conversation found as it runs. */
export const reportTarget: PostTarget = (deps, job) => reportPostChannel(deps.db, job.payload);

/**
 * The Slack calls a job kind makes on its usual path, for the runner's pacing. Fallbacks (a join after
 * not_in_channel, a lookup after name_taken) are left out: rare, and a 429 on one is waited out as asked.
 * Direct messages go to a different channel each, so no channel budget applies to them.
 */
export interface SlackCalls {
  /** Tiered methods, one entry per call. */
  methods?: readonly TieredMethod[];
  postsTo?: PostTarget;
  /** Budgets of services other than Slack (Zendesk's ticket updates), spent once per job. */
  budgets?: readonly PaceBudget[];
}

/** Pacing from each kind's declared calls: tier budgets per method, and the posting channel's budget. */
export function buildJobPacing(deps: SlackDeps, callsByKind: ReadonlyMap<string, SlackCalls>): JobPacing {
  const { triageChannelId, escalationChannelId } = deps.config.slack;
  const configured = { triage: triageChannelId, escalation: escalationChannelId };
  const budgetsOfKind = (kind: string): PaceBudget[] => {
    const calls = callsByKind.get(kind);
    const target = calls?.postsTo;
    const channel = typeof target === "string" ? configured[target] : undefined;
    return [
      ...(calls?.methods ?? []).map(methodBudget),
      ...(channel ? [postMessageBudget(channel)] : []),
      ...(calls?.budgets ?? []),
    ];
  };
  const budgetsOfJob = (job: JobRow): PaceBudget[] => {
    const own = budgetsOfKind(job.kind);
    const target = callsByKind.get(job.kind)?.postsTo;
    const channel = typeof target === "function" ? target(deps, job) : undefined;
    return channel ? [...own, postMessageBudget(channel)] : own;
  };
  const pacedKinds = [...callsByKind.keys()].filter((kind) => budgetsOfKind(kind).length > 0);
  return { budgetsOfKind, budgetsOfJob, pacedKinds };
}
