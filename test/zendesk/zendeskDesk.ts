import { createHmac } from "node:crypto";
import type { ZendeskMappingRaw } from "../../src/core/zendeskMapping.ts";
import { saveZendeskMapping } from "../../src/flows/zendesk/saveZendeskMapping.ts";
import { type Harness, type HarnessOptions, startHarness, USERS } from "../support/harness.ts";

export const ZENDESK_SECRET = "zendesk-signing-secret-for-tests";
export const TABLES = [
  "cases",
  "case_events",
  "case_parties",
  "accounts",
  "jobs",
  "zendesk_tickets",
  "zendesk_deliveries",
];

/** Zendesk's timestamp header, as its docs show it: ISO 8601 UTC to the second ("2021-07-25T10:00:00Z"). */
export const zendeskTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function signZendesk(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret)
    .update(timestamp + body)
    .digest("base64");
}

/** The published ticket.created example (developer.zendesk.com, Ticket events), with the fields a test varies. */
export function ticketCreated(
  over: {
    ticketId?: string;
    eventId?: string;
    tags?: string[];
    priority?: string;
    subject?: string;
    description?: string;
  } = {},
): Record<string, unknown> {
  const ticketId = over.ticketId ?? "5158";
  return {
    account_id: 22129848,
    detail: {
      actor_id: "8447388090494",
      assignee_id: "8447388090494",
      brand_id: "8447346621310",
      created_at: "2025-01-08T10:12:07Z",
      custom_status: "8447320465790",
      description: over.description ?? "Customer says the pro threatened them at the door.",
      external_id: null,
      form_id: "8646151517822",
      group_id: "8447320466430",
      id: ticketId,
      is_public: true,
      organization_id: "8447346622462",
      priority: over.priority ?? "LOW",
      requester_id: "8447388090494",
      status: "OPEN",
      subject: over.subject ?? "Pro threatened me",
      submitter_id: "8447388090494",
      tags: over.tags ?? ["ticket-info-test-tag"],
      type: "TASK",
      updated_at: "2025-01-08T10:12:07Z",
      via: { channel: "web_service" },
    },
    event: {},
    id: over.eventId ?? "cbe4028c-7239-495d-b020-f22348516046",
    subject: `zen:ticket:${ticketId}`,
    time: "2025-01-08T10:12:07.672717030Z",
    type: "zen:event-type:ticket.created",
    zendesk_event_version: "2022-11-06",
  };
}

/** The same ticket's later event, shaped as the docs' ticket.comment_added / tags_changed examples. */
export function ticketEvent(
  type: "comment_added" | "tags_changed" | "priority_changed",
  event: Record<string, unknown>,
  over: { ticketId?: string; eventId: string; tags?: string[] },
): Record<string, unknown> {
  return { ...ticketCreated(over), type: `zen:event-type:ticket.${type}`, event };
}

export interface Delivery {
  body?: string;
  secret?: string;
  timestamp?: string;
  signature?: string | null;
  contentType?: string;
}

/** Posts a delivery as Zendesk would: the raw body, signed over timestamp + body unless the test says otherwise. */
export async function deliver(
  h: Harness,
  payload: unknown,
  d: Delivery = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const body = d.body ?? JSON.stringify(payload);
  const timestamp = d.timestamp ?? zendeskTime(h.clock.now());
  const headers: Record<string, string> = { "content-type": d.contentType ?? "application/json" };
  if (d.signature !== null) {
    headers["x-zendesk-webhook-signature"] = d.signature ?? signZendesk(d.secret ?? ZENDESK_SECRET, timestamp, body);
    headers["x-zendesk-webhook-signature-timestamp"] = timestamp;
  }
  const res = await fetch(`${h.baseUrl}/webhooks/zendesk`, { method: "POST", headers, body });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Row counts of every table a delivery may write. */
export function rowCounts(h: Harness): Record<string, number> {
  const sqlite = h.desk.database.sqlite;
  return Object.fromEntries(
    TABLES.map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
}

export const MAPPING: ZendeskMappingRaw = {
  category_rules: "safety-threat = physical-safety\nabuse = harassment",
  severity_rules: "priority:urgent = SEV1\ntag:vip = SEV2",
  default_category: "service-quality",
  default_severity: null,
  unmapped: "ignore",
  reporter_ref: "requester_id",
  reporter_role: "customer",
};

/** Arrange step: a lead's mapping saved through the flow behind the modal (zendeskMapping.test.ts drives the modal). */
export function saveMapping(h: Harness, form: Partial<ZendeskMappingRaw> = {}): void {
  saveZendeskMapping(h.desk.deps, { actor: USERS.lead, form: { ...MAPPING, ...form } });
}

export function startZendeskDesk(options: HarnessOptions = {}): Promise<Harness> {
  return startHarness({ ...options, env: { ZENDESK_WEBHOOK_SECRET: ZENDESK_SECRET, ...options.env } });
}
