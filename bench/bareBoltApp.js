/**
 * The baseline for the benchmarks: the least a Bolt app can do for `/incident` (ack, then open a modal), run
 * as the bot runs (plain `node` on JavaScript, the V8 flags of `npm start`), so the difference between the two
 * is the bot's own cost. Plain JavaScript, so no build step or loader stands between node and this file.
 */
import { App } from "@slack/bolt";

/** @param {string} name */
function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`bareBoltApp: ${name} is required`);
  return value;
}

const app = new App({
  token: required("SLACK_BOT_TOKEN"),
  signingSecret: required("SLACK_SIGNING_SECRET"),
  clientOptions: { slackApiUrl: required("SLACK_API_URL") },
  // The bench reads the heap here, as it reads the bot's from /metrics; nothing else asks for it.
  customRoutes: [
    {
      path: "/memory",
      method: ["GET"],
      handler: (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(process.memoryUsage()));
      },
    },
  ],
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
