/**
 * The baseline for the ack-latency benchmark: the least a Bolt app can do for `/incident` (ack, then open a
 * modal), started the same way as the bot so the difference between the two is the bot's own cost.
 */
import { App } from "@slack/bolt";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bareBoltApp: ${name} is required`);
  return value;
}

const app = new App({
  token: required("SLACK_BOT_TOKEN"),
  signingSecret: required("SLACK_SIGNING_SECRET"),
  clientOptions: { slackApiUrl: required("SLACK_API_URL") },
});

app.command("/incident", async ({ ack, command, client }) => {
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: {
      type: "modal",
      callback_id: "bare_intake",
      title: { type: "plain_text", text: "Report an incident" },
      submit: { type: "plain_text", text: "Submit" },
      blocks: [
        {
          type: "input",
          block_id: "title",
          label: { type: "plain_text", text: "Title" },
          element: { type: "plain_text_input", action_id: "value" },
        },
      ],
    },
  });
});

await app.start({ port: Number(required("PORT")), host: "127.0.0.1" });
