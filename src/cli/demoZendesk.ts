/** The demo's Zendesk steps: a lead saves the ticket → case mapping, a signed webhook opens a case, notes follow. */
import { createHmac } from "node:crypto";
import type { SlackFake } from "../../test/slack-fake/index.ts";
import type { SlackDriver } from "../../test/support/slackDriver.ts";
import type { ZendeskFake } from "../../test/zendesk-fake/index.ts";
import type { Clock } from "../clock.ts";
import { ZENDESK_MAPPING_BLOCK as B, CALLBACK } from "../slack/ids.ts";
import { renderBlocks, waitFor } from "./demoScreen.ts";

export const ZENDESK_DEMO_SECRET = "demo-zendesk-webhook-signing-secret";
export const WEBHOOK_TICKET = 5158;

export interface ZendeskDemo {
  fake: SlackFake;
  slack: SlackDriver;
  zendesk: ZendeskFake;
  clock: Clock;
  botUrl: string;
  lead: string;
  triage: string;
}

/** A ticket.created delivery shaped as Zendesk's published example (developer.zendesk.com, Ticket events). */
function ticketCreated(at: string): Record<string, unknown> {
  return {
    type: "zen:event-type:ticket.created",
    id: "cbe4028c-7239-495d-b020-f22348516046",
    time: at,
    zendesk_event_version: "2022-11-06",
    subject: `zen:ticket:${WEBHOOK_TICKET}`,
    detail: {
      id: String(WEBHOOK_TICKET),
      subject: "Pro keeps coming to my house after the job",
      description: "The pro from last week's booking has come to my door twice since and messages me at night.",
      priority: "HIGH",
      status: "NEW",
      tags: ["stalking", "repeat-contact"],
      requester_id: "8447388090494",
      external_id: null,
    },
    event: {},
  };
}

/** Zendesk's signature: base64(HMAC-SHA256(secret, timestamp + raw body)), timestamp ISO 8601 UTC to the second. */
async function deliverSigned(demo: ZendeskDemo, payload: unknown): Promise<{ status: number; body: string }> {
  const timestamp = new Date(demo.clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const body = JSON.stringify(payload);
  const signature = createHmac("sha256", ZENDESK_DEMO_SECRET)
    .update(timestamp + body)
    .digest("base64");
  const res = await fetch(`${demo.botUrl}/webhooks/zendesk`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-zendesk-webhook-signature": signature,
      "x-zendesk-webhook-signature-timestamp": timestamp,
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

export async function saveZendeskMappingStep(demo: ZendeskDemo): Promise<void> {
  const { fake, slack, lead, triage } = demo;
  console.log("11. Morgan types /incident zendesk and saves which tickets become cases");
  await slack.command({ text: "zendesk", userId: lead, channelId: triage });
  await waitFor(() => fake.views().some((v) => v.callback_id === CALLBACK.zendeskMapping), "the mapping modal");
  const modal = fake.views().find((v) => v.callback_id === CALLBACK.zendeskMapping);
  const form = {
    [B.categoryRules]: "stalking = stalking-doxxing\nthreat = physical-safety",
    [B.severityRules]: "priority:urgent = SEV1\npriority:high = SEV2",
    [B.defaultCategory]: null,
    [B.defaultSeverity]: null,
    [B.unmapped]: "ignore",
    [B.reporterRef]: "requester_id",
    [B.reporterRole]: "customer",
  };
  const saved = await slack.submitView({ viewId: modal?.id ?? "", userId: lead, values: form });
  console.log(`   Tag → category:   ${form[B.categoryRules].replace("\n", ";  ")}`);
  console.log(`   Rule → severity:  ${form[B.severityRules].replace("\n", ";  ")}`);
  console.log(`   Other tickets are ignored. Saved (HTTP ${saved.status}) as mapping version 1\n`);
}

/** Returns the human id of the case the ticket opened. */
export async function ticketBecomesCaseStep(demo: ZendeskDemo): Promise<string> {
  const { fake } = demo;
  const payload = ticketCreated(new Date(demo.clock.now()).toISOString());
  console.log(`12. A customer files Zendesk ticket #${WEBHOOK_TICKET} (tags stalking, repeat-contact; priority high)`);
  const delivered = await deliverSigned(demo, payload);
  console.log(
    `   Zendesk's signed ticket.created → POST /webhooks/zendesk → HTTP ${delivered.status} ${delivered.body}`,
  );
  const { caseId } = JSON.parse(delivered.body) as { caseId?: string };
  if (!caseId) throw new Error(`demo: the webhook opened no case (${delivered.body})`);
  const again = await deliverSigned(demo, payload);
  console.log(`   Zendesk retries the same event → HTTP ${again.status} ${again.body}: still one case`);
  const roomName = caseId.toLowerCase();
  const room = () => fake.channels().find((c) => c.name.startsWith(roomName));
  await waitFor(() => (room() ? fake.pins(room()?.id ?? "").length > 0 : false), "the Zendesk case's war room");
  const [summary] = fake.messages(room()?.id ?? "");
  console.log(`   War room #${room()?.name}, pinned summary:`);
  console.log(renderBlocks(fake, summary?.blocks));
  return caseId;
}

export async function internalNotesStep(demo: ZendeskDemo, tickets: readonly number[]): Promise<void> {
  const { zendesk } = demo;
  await waitFor(() => tickets.every((t) => zendesk.comments(t).length > 0), "the Zendesk notes");
  console.log("\n13. Each case's Zendesk ticket gets an internal note (the Zendesk API stand-in, test/zendesk-fake)");
  for (const ticket of tickets)
    for (const note of zendesk.comments(ticket))
      console.log(
        `   #${ticket} ${note.public ? "PUBLIC REPLY" : "internal note"}: ${note.body.replace(/\n/g, " ⏎ ")}`,
      );
}
