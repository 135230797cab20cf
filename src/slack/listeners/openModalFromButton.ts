import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../flows/deps.ts";
import { toUserMessage } from "../errors.ts";
import type { ModalView } from "../views/blocks.ts";
import { errorReply } from "../views/commandReplies.ts";
import { onMessageButton } from "./messageButton.ts";

/** A button that opens the modal `build` makes from its value; a refusal is answered ephemerally. */
export function openModalFromButton(
  app: App,
  deps: FlowDeps,
  actionId: string,
  build: (userId: string, value: string) => ModalView,
): void {
  onMessageButton(app, deps.log, actionId, async ({ ack, action, body, client, respond }) => {
    await ack();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: build(body.user.id, action.value ?? "") });
    } catch (error) {
      await respond({
        ...errorReply(toUserMessage(error, deps.log, { actionId, userId: body.user.id })),
        replace_original: false,
      });
    }
  });
}
