import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyCaseChain } from "../../src/flows/cases/verifyCaseChain.ts";
import type { Harness } from "../support/harness.ts";
import {
  deliver,
  rowCounts,
  saveMapping,
  signZendesk,
  startZendeskDesk,
  ticketCreated,
  ticketEvent,
  ZENDESK_SECRET,
  zendeskTime,
} from "./zendeskDesk.ts";

type CaseRow = {
  id: number;
  human_id: string;
  source: string;
  zendesk_ticket: string;
  category: string;
  severity: string;
  channel_id: string | null;
};
const ABUSE = ticketCreated({ tags: ["abuse"] });

let h: Harness;
beforeEach(async () => {
  h = await startZendeskDesk();
});
afterEach(() => h.close());

const cases = () => h.desk.database.sqlite.prepare("SELECT * FROM cases ORDER BY id").all() as CaseRow[];
const eventKinds = (caseId: number) =>
  (
    h.desk.database.sqlite.prepare("SELECT kind FROM case_events WHERE case_id = ? ORDER BY seq").all(caseId) as Array<{
      kind: string;
    }>
  ).map((e) => e.kind);

describe("a signed ticket event", () => {
  beforeEach(() => saveMapping(h));

  it("opens one case from the published ticket.created example, source Zendesk, linked to its ticket", async () => {
    const res = await deliver(h, ABUSE);
    expect(res).toMatchObject({ status: 200, json: { ok: true, outcome: "case_opened" } });
    const [opened, ...more] = cases();
    expect(more).toEqual([]);
    expect(opened).toMatchObject({
      source: "zendesk",
      zendesk_ticket: "5158",
      category: "harassment",
      severity: "sev3",
    });
    const link = h.desk.database.sqlite.prepare("SELECT * FROM zendesk_tickets").all();
    expect(link).toEqual([expect.objectContaining({ ticket_id: "5158", case_id: opened?.id, outcome: "case" })]);
  });

  it("changes nothing on an identical replay or a redelivery of the same event", async () => {
    const timestamp = zendeskTime(h.clock.now());
    const body = JSON.stringify(ABUSE);
    await deliver(h, ABUSE, { body, timestamp });
    const after = rowCounts(h);
    expect(await deliver(h, ABUSE, { body, timestamp })).toMatchObject({ status: 200, json: { outcome: "duplicate" } });
    h.clock.advance(60_000);
    expect(await deliver(h, ABUSE)).toMatchObject({ status: 200, json: { outcome: "duplicate" } });
    expect(rowCounts(h)).toEqual(after);
  });

  it("adds a later comment and tag change to the same case's timeline, and the chain verifies", async () => {
    await deliver(h, ABUSE);
    const comment = {
      comment: {
        id: "9001",
        body: "More detail from the customer",
        is_public: true,
        author: { id: "1", is_staff: false, name: "Requester" },
      },
    };
    expect(await deliver(h, ticketEvent("comment_added", comment, { eventId: "evt-comment" }))).toMatchObject({
      json: { outcome: "appended" },
    });
    await deliver(h, ticketEvent("tags_changed", { tags_added: ["vip"], tags_removed: [] }, { eventId: "evt-tags" }));
    await deliver(h, ticketEvent("priority_changed", { current: "HIGH", previous: "LOW" }, { eventId: "evt-prio" }));
    const [opened, ...more] = cases();
    expect(more).toEqual([]);
    expect(eventKinds(opened?.id ?? 0).filter((k) => k === "zendesk_ticket_updated")).toHaveLength(3);
    const check = await verifyCaseChain(h.desk.database.db, opened?.id ?? 0);
    expect(check.verdict).toEqual({ ok: true, events: eventKinds(opened?.id ?? 0).length });
  });

  it("opens one case when two deliveries of a new ticket race each other", async () => {
    const [a, b] = await Promise.all([
      deliver(h, ticketCreated({ tags: ["abuse"], eventId: "evt-a" })),
      deliver(h, ticketCreated({ tags: ["abuse"], eventId: "evt-b" })),
    ]);
    expect([a.json.outcome, b.json.outcome].sort()).toEqual(["already_open", "case_opened"]);
    expect(cases()).toHaveLength(1);
  });

  it("opens a war room in Slack for a ticket the mapping makes SEV1", async () => {
    await deliver(h, ticketCreated({ tags: ["other"], priority: "URGENT", ticketId: "77" }));
    await h.settle();
    const [opened] = cases();
    expect(opened).toMatchObject({ severity: "sev1", category: "service-quality" });
    const room = h.fake.channel(opened?.channel_id ?? "");
    expect(room?.is_private).toBe(true);
    const summary = JSON.stringify(h.fake.messages(room?.id ?? ""));
    expect(summary).toContain("from Zendesk ticket #77");
  });

  it("records a ticket no rule matches as ignored and opens no case", async () => {
    const res = await deliver(h, ticketCreated({ tags: ["billing-question"] }));
    expect(res.json).toMatchObject({ outcome: "ignored", reason: "unmapped" });
    expect(cases()).toEqual([]);
    expect(h.desk.database.sqlite.prepare("SELECT outcome, ignored_reason FROM zendesk_tickets").all()).toEqual([
      { outcome: "ignored", ignored_reason: "unmapped" },
    ]);
  });
});

describe("a request that is not Zendesk's, signed as documented", () => {
  const other = (h: Harness) => zendeskTime(h.clock.now());
  const refusals: Array<[string, (h: Harness, body: string) => Parameters<typeof deliver>[2]]> = [
    ["forged (signed over another body)", (h) => ({ signature: signZendesk(ZENDESK_SECRET, other(h), "{}") })],
    ["signed with the wrong secret", () => ({ secret: "not-the-zendesk-secret-at-all" })],
    ["stale (timestamp 6 minutes old)", (h) => ({ timestamp: zendeskTime(h.clock.now() - 6 * 60_000) })],
    ["from the future (timestamp 6 minutes ahead)", (h) => ({ timestamp: zendeskTime(h.clock.now() + 6 * 60_000) })],
    ["timestamped in Unix seconds, not ISO 8601", (h) => ({ timestamp: String(Math.floor(h.clock.now() / 1000)) })],
    ["unsigned", () => ({ signature: null })],
  ];

  it.each(refusals)("refuses a delivery %s with 401 and writes no row", async (_name, delivery) => {
    saveMapping(h);
    const before = rowCounts(h);
    const res = await deliver(h, ABUSE, delivery(h, JSON.stringify(ABUSE)));
    expect(res.status).toBe(401);
    expect(rowCounts(h)).toEqual(before);
  });
});

describe("a signed delivery that is not a ticket event", () => {
  beforeEach(() => saveMapping(h));

  it.each([
    ["not JSON", "{not json", 400, "body is not valid JSON"],
    ["without a ticket id", JSON.stringify({ ...ABUSE, detail: { subject: "x" } }), 400, "detail.id"],
    [
      "with a priority Zendesk does not have",
      JSON.stringify(ticketCreated({ priority: "CRITICAL" })),
      400,
      "detail.priority",
    ],
    ["of another domain (user events)", JSON.stringify({ ...ABUSE, type: "zen:event-type:user.created" }), 400, "type"],
  ])("refuses a body %s with a reason", async (_name, body, status, reason) => {
    const before = rowCounts(h);
    const res = await deliver(h, null, { body });
    expect(res.status).toBe(status);
    expect(String(res.json.error)).toContain(reason);
    expect(rowCounts(h)).toEqual(before);
  });

  it("refuses a body that is not declared as JSON with 415", async () => {
    expect((await deliver(h, ABUSE, { contentType: "text/plain" })).status).toBe(415);
  });

  it("refuses a body over 256 KB with 413 before reading it", async () => {
    const huge = ticketCreated({ description: "x".repeat(300 * 1024) });
    const before = rowCounts(h);
    expect((await deliver(h, huge)).status).toBe(413);
    expect(rowCounts(h)).toEqual(before);
  });
});
