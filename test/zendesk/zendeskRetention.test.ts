import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RETENTION_DAYS } from "../../src/core/retentionPeriods.ts";
import { moveCase } from "../support/caseState.ts";
import { type Harness, USERS } from "../support/harness.ts";
import { deliver, saveMapping, startZendeskDesk, ticketCreated, ticketEvent } from "./zendeskDesk.ts";

const DAY = 24 * 60 * 60_000;
const CASE = "TS-2026-0001";
const TICKET = "770042";

let h: Harness;
beforeEach(async () => {
  h = await startZendeskDesk();
  saveMapping(h);
});
afterEach(() => h.close());

const sql = <T>(query: string) => h.desk.database.sqlite.prepare(query).all() as T[];
/** Every stored text that could still carry the ticket id, as one string. */
const everywhere = () =>
  JSON.stringify([
    sql("SELECT * FROM cases"),
    sql("SELECT payload FROM case_events"),
    sql("SELECT * FROM zendesk_tickets"),
    sql("SELECT * FROM zendesk_deliveries"),
  ]);

/** A ticket id leads back to its requester in Zendesk: retention treats it as personal data, as the case's own copy. */
describe("retention of a case a Zendesk ticket opened", () => {
  it("leaves the ticket id nowhere once the case is redacted, and the delivery ids still stop a redelivery", async () => {
    const created = ticketCreated({ ticketId: TICKET, tags: ["abuse"], eventId: "evt-created" });
    await deliver(h, created);
    const comment = { comment: { id: "1", body: "Any update?", is_public: true, author: { is_staff: false } } };
    await deliver(h, ticketEvent("comment_added", comment, { ticketId: TICKET, eventId: "evt-comment" }));
    for (const status of ["investigating", "decision", "resolved", "closed"] as const)
      moveCase(h, CASE, status, USERS.lead);
    await h.settle();
    expect(everywhere()).toContain(TICKET);

    h.clock.advance((RETENTION_DAYS.conduct + 1) * DAY);
    await h.settle();

    expect(everywhere()).not.toContain(TICKET);
    expect(sql("SELECT ticket_id, outcome FROM zendesk_tickets")).toEqual([
      { ticket_id: "redacted:case-1", outcome: "case" },
    ]);
    const [redaction] = sql<{ payload: string }>(
      "SELECT payload FROM case_events WHERE kind = 'personal_data_redacted'",
    );
    expect(JSON.parse(redaction?.payload ?? "{}").fields).toMatchObject({
      "zendesk_tickets.ticket_id": 1,
      "zendesk_deliveries.ticket_id": 2,
    });
    expect((await deliver(h, created)).json).toMatchObject({ outcome: "duplicate" });
  });
});
