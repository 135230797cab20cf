import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { notifyPageJob } from "../../flows/jobs/notifyPage.ts";
import { duePageStep, recordPageEscalated, recordPageSent } from "../../flows/paging/pageStepJob.ts";
import { leadUserIds } from "../../flows/roles/leadUserIds.ts";
import type { JobDeferral } from "../../scheduler/scheduler.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildPageDm, buildPageEscalation } from "../views/pageMessages.ts";
import { postInChannel, postToEach } from "./postMessages.ts";

/**
 * Job, one per step of a page's ladder: DMs the primary or the secondary, or tells the escalation
 * channel and the leads. An acknowledged page, a step already passed, or a channel already told makes
 * it a no-op, so a delayed or retried job never posts twice.
 */
export async function notifyPage(
  deps: SlackDeps,
  payload: PayloadOf<typeof notifyPageJob>,
): Promise<JobDeferral | undefined> {
  const due = duePageStep(deps, payload);
  if (!due || "deferUntil" in due) return due;
  const { target, ...input } = due;
  if (target.kind === "person") {
    const [message] = await postToEach(deps, [target.userId], buildPageDm(input));
    recordPageSent(deps, due, target.userId, message);
    return undefined;
  }
  const leads = leadUserIds(deps.db);
  const channel = deps.config.slack.escalationChannelId;
  const message = await postInChannel(deps, channel, buildPageEscalation(input, leads));
  recordPageEscalated(deps, due, leads, message);
  return undefined;
}
