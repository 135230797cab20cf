import type { App } from "@slack/bolt";
import { acknowledgePage } from "../../../flows/paging/acknowledgePage.ts";
import { toUserMessage } from "../../errors.ts";
import { ACTION } from "../../ids.ts";
import type { SlackDeps } from "../../slackDeps.ts";
import { errorReply } from "../../views/commandReplies.ts";
import { alreadyAcknowledgedReply, buildPageAcknowledged } from "../../views/pageMessages.ts";
import { onMessageButton } from "../messageButton.ts";

/** The Acknowledge button on a page DM or escalation post (its value is the page id). */
export function registerPageActions(app: App, deps: SlackDeps): void {
  onMessageButton(app, deps.log, ACTION.ackPage, async ({ ack, action, body, respond }) => {
    await ack();
    try {
      const result = acknowledgePage(deps, { pageId: Number.parseInt(action.value ?? "", 10), userId: body.user.id });
      if (result.outcome === "already") {
        await respond({ ...alreadyAcknowledgedReply(result.page), replace_original: false });
        return;
      }
      deps.metrics.pageAcknowledged((result.page.ackedAt ?? result.page.createdAt) - result.page.createdAt);
      await respond({ ...buildPageAcknowledged(result.record, result.page, result.warRoom), replace_original: true });
    } catch (error) {
      await respond({
        ...errorReply(toUserMessage(error, deps.log, { actionId: ACTION.ackPage, userId: body.user.id })),
        replace_original: false,
      });
    }
  });
}
