import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { requestWarRoom } from "../../../flows/warRooms/requestWarRoom.ts";
import { toUserMessage } from "../../errors.ts";
import { ACTION } from "../../ids.ts";
import { errorReply } from "../../views/commandReplies.ts";
import { onMessageButton } from "../messageButton.ts";

/** "Open war room" on a triage-thread case. */
export function registerOpenWarRoom(app: App, deps: FlowDeps): void {
  onMessageButton(app, deps.log, ACTION.openWarRoom, async ({ ack, action, body, respond }) => {
    await ack();
    try {
      const { record, requested } = requestWarRoom(deps, { humanId: action.value ?? "", userId: body.user.id });
      if (!requested) {
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: record.channelId
            ? `${record.humanId} already has a war room: <#${record.channelId}>.`
            : `${record.humanId}'s war room is already being created.`,
        });
      }
    } catch (error) {
      await respond({
        ...errorReply(toUserMessage(error, deps.log, { actionId: ACTION.openWarRoom, userId: body.user.id })),
        replace_original: false,
      });
    }
  });
}
