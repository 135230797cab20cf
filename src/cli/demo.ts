/**
 * `npm run demo`: the real bot against the built-in Slack and Zendesk stand-ins (test/slack-fake, test/zendesk-fake),
 * playing a SEV1 intake, a Zendesk ticket that becomes a case, and the weekly report, printing what Slack would show.
 * No workspace, token or network needed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSlackFake } from "../../test/slack-fake/index.ts";
import { createSlackDriver } from "../../test/support/slackDriver.ts";
import { startZendeskFake } from "../../test/zendesk-fake/index.ts";
import { loadConfig } from "../config.ts";
import { verifyChain } from "../core/auditHash.ts";
import { instantAt, localDayOf } from "../core/localTime.ts";
import { mondayOf } from "../core/reportPeriod.ts";
import { startIncidentDesk } from "../main.ts";
import { ACTION } from "../slack/ids.ts";
import { EVIDENCE_FORM } from "../slack/listeners/caseForms/evidenceForm.ts";
import { getCaseByChannel } from "../store/cases.ts";
import { eventsOfCase, toStoredEvent } from "../store/events.ts";
import { evidenceOfCase, filesOfEvidence } from "../store/evidence.ts";
import { weeklyReportStep } from "./demoReport.ts";
import { plainText, quoted, renderBlocks, waitFor } from "./demoScreen.ts";
import {
  internalNotesStep,
  saveZendeskMappingStep,
  ticketBecomesCaseStep,
  WEBHOOK_TICKET,
  ZENDESK_DEMO_SECRET,
} from "./demoZendesk.ts";

const SECRET = "demo-signing-secret";
const people = { specialist: "U0ALEX", lead: "U0MORGAN", onCall: "U0JORDAN" };
const INTAKE_TICKET = 482113;

// The wall clock until the demo jumps to the next Monday 09:00 for the weekly report.
let clockOffsetMs = 0;
const clock = { now: () => Date.now() + clockOffsetMs };

const fake = await startSlackFake({
  now: () => clock.now(),
  users: [
    { id: people.specialist, name: "alex", real_name: "Alex (T&S specialist)" },
    { id: people.lead, name: "morgan", real_name: "Morgan (T&S lead)" },
    { id: people.onCall, name: "jordan", real_name: "Jordan (T&S specialist, on call)" },
  ],
  channels: [
    { name: "ts-triage", is_private: true, members: ["UBOT", people.specialist, people.lead] },
    { name: "ts-reports", is_private: false, members: [people.lead] },
  ],
});
const zendesk = await startZendeskFake({ now: () => clock.now(), tickets: [INTAKE_TICKET, WEBHOOK_TICKET] });
const dir = mkdtempSync(join(tmpdir(), "incident-desk-demo-"));
const triage = fake.channelByName("ts-triage")?.id ?? "";
const reports = fake.channelByName("ts-reports")?.id ?? "";
const env = {
  SLACK_BOT_TOKEN: fake.botToken,
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: fake.url,
  TRIAGE_CHANNEL_ID: triage,
  ADMIN_USER_IDS: people.lead,
  DATABASE_PATH: join(dir, "incident-desk.sqlite"),
  EVIDENCE_DIR: join(dir, "evidence"),
  PORT: "0",
  LOG_LEVEL: "warn",
  ZENDESK_WEBHOOK_SECRET: ZENDESK_DEMO_SECRET,
  ZENDESK_SUBDOMAIN: "acme",
  ZENDESK_API_EMAIL: zendesk.email,
  ZENDESK_API_TOKEN: zendesk.apiToken,
  ZENDESK_API_URL: zendesk.url,
};
const config = loadConfig(env);
let desk = await startIncidentDesk(config, { clock });
const slack = createSlackDriver({
  appUrl: `http://127.0.0.1:${desk.port}/slack/events`,
  signingSecret: SECRET,
  fake,
  now: () => clock.now(),
});
const name = (id: string) => fake.user(id)?.real_name ?? fake.user(id)?.name ?? id;

try {
  console.log(`Incident Desk demo: bot on http://127.0.0.1:${desk.port}, Slack stand-in on ${fake.url}\n`);
  console.log(`1. ${name(people.lead)} (an admin, from ADMIN_USER_IDS) makes Alex a specialist`);
  const granted = await slack.command({
    text: `role <@${people.specialist}|alex> specialist`,
    userId: people.lead,
    channelId: triage,
  });
  console.log(`   /incident role @alex specialist → "${plainText(fake, (granted.body as { text: string }).text)}"`);
  await slack.command({ text: `role <@${people.onCall}|jordan> specialist`, userId: people.lead, channelId: triage });
  const layer = `layer add around-the-clock always 09:00 7 <@${people.onCall}|jordan> <@${people.specialist}|alex>`;
  await slack.command({ text: `oncall ${layer}`, userId: people.lead, channelId: triage });
  const onCall = await slack.command({ text: "oncall", userId: people.lead, channelId: triage });
  console.log("   …and Jordan, then sets up a weekly on-call rotation, Jordan first. /incident oncall:");
  console.log(quoted(plainText(fake, (onCall.body as { text: string }).text)));
  console.log("");

  console.log(`2. ${name(people.specialist)} types /incident in #ts-triage`);
  await slack.command({ text: "", userId: people.specialist, channelId: triage });
  await waitFor(() => fake.views().some((v) => v.callback_id === "incident_intake"), "the intake modal");
  const modal = fake.views().find((v) => v.callback_id === "incident_intake");
  const modalTitle = (modal?.title as { text?: string } | undefined)?.text;
  console.log(`   Slack opens the modal "${modalTitle}" with ${modal?.blocks.length} fields\n`);

  console.log("3. They report a SEV1: a customer says the pro became violent during a job");
  const submitted = await slack.submitView({
    viewId: modal?.id ?? "",
    userId: people.specialist,
    values: {
      title: "Customer reports pro became violent during a job",
      category: "physical-safety",
      severity: null,
      description:
        "Customer called at 21:40: the pro shoved them during an argument about the bill. Customer is safe, police were called. They typed <!channel> in the app chat asking for help.",
      reporter: "cus_48213",
      reporter_role: "customer",
      reporter_name: "Dana R.",
      respondent: "pro_9911",
      respondent_role: "pro",
      respondent_name: "Sam's Handyman Co",
      source: "phone",
      occurred_at: Math.floor(Date.now() / 1000) - 3600,
      zendesk_ticket: String(INTAKE_TICKET),
    },
  });
  console.log(`   The bot answers HTTP ${submitted.status}: the modal becomes "Case opened"\n`);

  await waitFor(() => {
    const room = fake.channels().find((c) => /^ts-\d{4}-\d+-/.test(c.name));
    return room !== undefined && fake.pins(room.id).length > 0 && fake.messages(triage).length > 0;
  }, "the war room");
  const room = fake.channels().find((c) => /^ts-\d{4}-\d+-/.test(c.name));
  if (!room) throw new Error("demo: no war room");
  await waitFor(() => fake.members(room.id).length >= 3, "the invitations");

  console.log(`4. War room #${room.name} (${room.is_private ? "private" : "public"} channel)`);
  console.log(`   Topic:   ${room.topic.value}`);
  console.log(`   Members: ${fake.members(room.id).map(name).join(", ")}`);
  const [summary] = fake.messages(room.id);
  console.log("   Pinned summary:");
  console.log(renderBlocks(fake, summary?.blocks));
  console.log("\n5. Announcement in #ts-triage (no case details: they stay in the war room)");
  console.log(renderBlocks(fake, fake.messages(triage)[0]?.blocks));

  console.log(`\n6. ${name(people.specialist)} clicks "Add evidence" on the pinned summary and attaches a screenshot`);
  const screenshot = fake.addFile({
    name: "in-app-chat.png",
    mimetype: "image/png",
    content: Buffer.from("demo screenshot bytes: in-app chat asking for help"),
    user: people.specialist,
  });
  const opened = fake.callsTo("views.open").length;
  await slack.clickButton({
    userId: people.specialist,
    channelId: room.id,
    messageTs: summary?.ts ?? "",
    actionId: EVIDENCE_FORM.button.actionId,
  });
  await waitFor(() => fake.callsTo("views.open").length > opened, "the evidence form");
  const evidenceForm = fake.views().find((v) => v.callback_id === EVIDENCE_FORM.callbackId);
  const added = await slack.submitView({
    viewId: evidenceForm?.id ?? "",
    userId: people.specialist,
    values: {
      kind: "screenshot",
      description: "Customer's in-app chat at 21:38 asking the pro to leave",
      source: "Customer, by email",
      link: null,
      files: [screenshot.id],
    },
  });
  // The form is answered at once; a job fetches the file, records the entry and updates the form.
  const saving = (added.body as { view?: { blocks?: unknown[] } }).view?.blocks;
  console.log(renderBlocks(fake, saving));
  const stored = getCaseByChannel(desk.deps.db, room.id);
  if (!stored) throw new Error("demo: no case for the war room");
  const storedFiles = () =>
    filesOfEvidence(
      desk.deps.db,
      evidenceOfCase(desk.deps.db, stored.id).map((e) => e.id),
    );
  await waitFor(() => storedFiles().length > 0 && fake.callsTo("views.update").length > 0, "the file to be saved");
  console.log(renderBlocks(fake, fake.view(evidenceForm?.id ?? "")?.blocks));
  const [evidenceRow] = storedFiles();
  if (!evidenceRow) throw new Error("demo: no evidence file stored");
  console.log(
    `   Stored once by hash: ${config.evidenceDir}/…/${evidenceRow.sha256.slice(0, 16)}… (${evidenceRow.size} bytes)`,
  );

  console.log("\n7. SEV1 pages the on-call person at any hour: Jordan gets a DM");
  const dm = () => fake.channels().find((c) => c.is_im && c.user === people.onCall);
  await waitFor(() => (dm() ? fake.messages(dm()?.id ?? "").length > 0 : false), "the page");
  const [page] = fake.messages(dm()?.id ?? "");
  console.log(renderBlocks(fake, page?.blocks));
  const acked = await slack.clickButton({
    userId: people.onCall,
    channelId: dm()?.id ?? "",
    messageTs: page?.ts ?? "",
    actionId: ACTION.ackPage,
  });
  await waitFor(() => fake.responses(acked.responseUrl).length > 0, "the acknowledgement");
  const ackReply = fake.responses(acked.responseUrl)[0]?.body as { text?: string; blocks?: unknown[] };
  console.log(
    `   Jordan clicks Acknowledge; the DM becomes:\n${renderBlocks(fake, ackReply.blocks) || `  │ ${plainText(fake, ackReply.text ?? "")}`}`,
  );
  console.log("   No escalation to the secondary (Alex) or the escalation channel follows.");

  const record = getCaseByChannel(desk.deps.db, room.id);
  if (!record) throw new Error("demo: no case for the war room");
  console.log("\n8. The stored case (SQLite)");
  const columns: Array<[string, unknown]> = [
    ["human_id", record.humanId],
    ["category", record.category],
    ["severity", record.severity],
    ["status", record.status],
    ["source", record.source],
    ["channel_name", record.channelName],
    ["zendesk_ticket", record.zendeskTicket],
    ["created_by", record.createdBy],
  ];
  for (const [column, value] of columns) console.log(`   ${column.padEnd(15)} ${String(value)}`);
  const events = eventsOfCase(desk.deps.db, record.id);
  console.log(`   Timeline (${events.length} events, hash-chained):`);
  for (const e of events)
    console.log(`     #${e.seq} ${e.kind.padEnd(20)} by ${name(e.actor).padEnd(22)} ${e.hash.slice(0, 16)}…`);
  const verdict = verifyChain(events.map(toStoredEvent));
  console.log(`   Chain check: ${verdict.ok ? "intact" : `broken at #${verdict.seq}`}`);

  const list = await slack.command({ text: "list", userId: people.lead, channelId: triage });
  console.log("\n9. /incident list (ephemeral, only Morgan sees it)");
  console.log(renderBlocks(fake, (list.body as { blocks?: unknown[] }).blocks));
  const verify = await slack.command({ text: "verify", userId: people.lead, channelId: room.id });
  console.log("\n10. /incident verify, typed in the war room");
  console.log(`  │ ${plainText(fake, (verify.body as { text: string }).text)}`);

  const zendeskDemo = {
    fake,
    slack,
    zendesk,
    clock,
    botUrl: `http://127.0.0.1:${desk.port}`,
    lead: people.lead,
    triage,
  };
  console.log("");
  await saveZendeskMappingStep(zendeskDemo);
  await ticketBecomesCaseStep(zendeskDemo);
  await internalNotesStep(zendeskDemo, [INTAKE_TICKET, WEBHOOK_TICKET]);

  const zone = config.businessTimeZone;
  const nextMonday = instantAt(mondayOf(localDayOf(clock.now(), zone)) + 7, 9 * 60, zone);
  console.log(`\n14. The operator sets REPORT_CHANNEL_ID=#ts-reports and restarts the bot. The demo's clock jumps to`);
  console.log(`    Monday 09:00 (${zone}): the bot posts last week's report, both cases in it`);
  await desk.stop();
  clockOffsetMs = nextMonday - Date.now();
  desk = await startIncidentDesk(loadConfig({ ...env, REPORT_CHANNEL_ID: reports }), { clock });
  await weeklyReportStep(fake, reports);
  console.log(`\nSlack Web API calls made: ${fake.calls.length}; Zendesk API calls: ${zendesk.calls.length}`);
} finally {
  await desk.stop();
  await fake.close();
  await zendesk.close();
  rmSync(dir, { recursive: true, force: true });
}
