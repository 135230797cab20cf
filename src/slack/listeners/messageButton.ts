import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Logger } from "../../log.ts";

export type MessageButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * A button the bot puts only on messages. Slack sends a click on a message with its `response_url`, which the
 * listener answers through (https://api.slack.com/reference/interaction-payloads/block-actions); a click that
 * comes from a view has none, and Bolt then gives no `respond`. The bot never puts these buttons in a view, so
 * such a payload is acknowledged and dropped with a warning instead of failing inside the listener.
 */
export function onMessageButton(
  app: App,
  log: Logger,
  actionId: string,
  handle: (args: MessageButtonArgs) => Promise<void>,
): void {
  app.action<BlockButtonAction>(actionId, async (args) => {
    if (args.body.container?.type !== "message" || typeof args.body.response_url !== "string") {
      await args.ack();
      log.warn({ actionId, container: String(args.body.container?.type) }, "message button clicked outside a message");
      return;
    }
    await handle(args);
  });
}
