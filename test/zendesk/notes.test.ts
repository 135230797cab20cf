import { afterEach, describe, expect, it } from "vitest";
import { CLOSE_BLOCK, CLOSE_FORM } from "../../src/slack/listeners/caseForms/closeForm.ts";
import { moveCase } from "../support/caseState.ts";
import { clickMessageButton } from "../support/clickMessageButton.ts";
import { FakeClock } from "../support/fakeClock.ts";
import { grantRole, type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { decideSanction } from "../support/sanctionDecision.ts";
import { startZendeskFake, type ZendeskFake } from "../zendesk-fake/index.ts";

const TICKET = 482113;
const CASE = "TS-2026-0001";
const ROOM = "ts-2026-0001-theft";
const APPROVER = "U0SPEC2";
const FACTS = "The pro took a drill from the customer's garage during the booked job.";
const TITLE = "Tools missing after a visit";
const DESCRIPTION = "Customer says the pro's helper took a drill from the garage.";

describe("internal notes on a case's Zendesk ticket", () => {
  let h: Harness;
  let zendesk: ZendeskFake;

  async function start(env: Record<string, string> = {}): Promise<void> {
    const clock = new FakeClock();
    zendesk = await startZendeskFake({ now: () => clock.now(), tickets: [TICKET] });
    h = await startHarness({
      clock,
      env: {
        ZENDESK_SUBDOMAIN: "acme",
        ZENDESK_API_EMAIL: zendesk.email,
        ZENDESK_API_TOKEN: zendesk.apiToken,
        ZENDESK_API_URL: zendesk.url,
        ...env,
      },
    });
  }
  afterEach(async () => {
    await h.close();
    await zendesk.close();
  });

  const sql = <T>(query: string, ...params: unknown[]) => h.desk.database.sqlite.prepare(query).all(...params) as T[];
  const noteJobs = () =>
    sql<{ failed_at: number | null; attempts: number }>("SELECT * FROM jobs WHERE kind = 'zendesk.note'");

  const openTheftCase = (ticket: number | null = TICKET) =>
    submitIntake(
      h,
      intakeValues({
        category: "theft",
        title: TITLE,
        description: DESCRIPTION,
        zendesk_ticket: ticket === null ? null : String(ticket),
      }),
    );

  async function decideAndClose(): Promise<void> {
    const roomId = h.fake.channelByName(ROOM)?.id ?? "";
    h.fake.addUser({ id: APPROVER, name: "kim" });
    await grantRole(h, APPROVER, "specialist");
    moveCase(h, CASE, "investigating", USERS.lead);
    await decideSanction(h, {
      roomId,
      proposer: USERS.specialist,
      approver: APPROVER,
      rung: "suspension_30d",
      facts: FACTS,
    });
    const summaryTs = h.fake.pins(roomId)[0] ?? "";
    const { viewId } = await clickMessageButton(h, {
      userId: USERS.specialist,
      channelId: roomId,
      messageTs: summaryTs,
      actionId: CLOSE_FORM.button.actionId,
    });
    const closed = await h.driver.submitView({
      viewId: viewId ?? "",
      userId: USERS.specialist,
      values: { [CLOSE_BLOCK.outcome]: "action_taken", [CLOSE_BLOCK.summary]: "Drill returned; pro suspended." },
    });
    expect(closed.body).toBe("");
    await h.settle();
  }

  it("adds one internal note when the case opens, one when a decision is recorded and one when it closes", async () => {
    await start();
    await openTheftCase();
    await h.settle();
    expect(zendesk.comments(TICKET)).toHaveLength(1);

    await decideAndClose();
    const notes = zendesk.comments(TICKET);
    expect(notes.map((n) => n.public)).toEqual([false, false, false]);
    const [opened, decided, closed] = notes.map((n) => n.body);
    expect(opened).toContain(`case ${CASE} · SEV2`);
    expect(decided).toContain(`Decision ${CASE}-D1 recorded: Suspension: 30 days.`);
    expect(decided).toMatch(/Community Guidelines grounds: CG-\d\.\d /);
    expect(closed).toContain("The case was closed. Outcome: Action taken.");
    // The ticket's audience is wider than the case team: no party, title, description, facts or close summary.
    for (const text of [
      "Dana",
      "Sam's Plumbing",
      "cus_48213",
      "pro_9911",
      TITLE,
      DESCRIPTION,
      FACTS,
      "Drill returned",
    ]) {
      expect(notes.map((n) => n.body).join("\n")).not.toContain(text);
    }
    expect(zendesk.calls.every((call) => call.path === `/api/v2/tickets/${TICKET}.json`)).toBe(true);
  });

  it("adds no note and queues no job for a case without a ticket", async () => {
    await start();
    await openTheftCase(null);
    await h.settle();
    expect(noteJobs()).toEqual([]);
    expect(zendesk.calls).toEqual([]);
  });

  it("adds no note and queues no job while Zendesk is not configured", async () => {
    const clock = new FakeClock();
    zendesk = await startZendeskFake({ now: () => clock.now(), tickets: [TICKET] });
    h = await startHarness({ clock });
    await openTheftCase();
    await h.settle();
    expect(noteJobs()).toEqual([]);
    expect(zendesk.calls).toEqual([]);
  });

  it("waits out a storm of 429s as Retry-After asks and adds each note once", async () => {
    await start();
    const second = TICKET + 1;
    zendesk.addTicket(second);
    zendesk.inject({ kind: "rate_limited", retryAfter: 1, times: 5 });
    await openTheftCase();
    await openTheftCase(second);
    await h.settle();

    expect(zendesk.comments(TICKET)).toHaveLength(1);
    expect(zendesk.comments(second)).toHaveLength(1);
    expect(zendesk.calls.filter((c) => c.status === 429)).toHaveLength(5);
    for (const ticket of [TICKET, second]) {
      const calls = zendesk.calls.filter((c) => c.ticketId === ticket);
      calls.slice(1).forEach((call, i) => {
        const before = calls[i];
        if (before?.status === 429) expect(call.at).toBeGreaterThanOrEqual(before.at + 1000);
      });
    }
  });

  it("paces a burst of notes to 30 a minute, under Zendesk's Update Ticket limit shared with the agents", async () => {
    await start();
    const tickets = Array.from({ length: 32 }, (_, i) => TICKET + i);
    for (const ticket of tickets) {
      zendesk.addTicket(ticket);
      await submitIntake(h, intakeValues({ severity: "sev3", zendesk_ticket: String(ticket) }));
    }
    await h.settle();

    expect(tickets.map((t) => zendesk.comments(t).length)).toEqual(tickets.map(() => 1));
    const times = zendesk.calls.map((c) => c.at);
    const busiestMinute = Math.max(
      ...times.map((from) => times.filter((at) => at >= from && at < from + 60_000).length),
    );
    expect(busiestMinute).toBe(30);
  });

  it("adds the note once when the bot restarts while the note waits out a 429", async () => {
    await start();
    zendesk.inject({ kind: "rate_limited", retryAfter: 30 });
    await openTheftCase();
    await h.desk.scheduler.runUntilIdle();
    expect(zendesk.calls.map((c) => c.status)).toEqual([429]);

    await h.restart();
    await h.desk.scheduler.runUntilIdle();
    expect(zendesk.calls).toHaveLength(1);
    await h.settle();

    expect(zendesk.comments(TICKET)).toHaveLength(1);
    const [limited, added] = zendesk.calls;
    expect(added?.status).toBe(200);
    expect(added?.at).toBeGreaterThanOrEqual((limited?.at ?? 0) + 30_000);
  });

  it("backs off after a 5xx and adds the note on a later attempt", async () => {
    await start();
    zendesk.inject({ kind: "server_error", status: 503, times: 2 });
    await openTheftCase();
    await h.settle();
    expect(zendesk.comments(TICKET)).toEqual([]);

    h.clock.advance(1000);
    await h.settle();
    expect(zendesk.comments(TICKET)).toEqual([]);
    h.clock.advance(2000);
    await h.settle();
    expect(zendesk.comments(TICKET)).toHaveLength(1);
    expect(noteJobs()[0]?.attempts).toBe(3);
  });

  it.each([
    [
      "a token Zendesk refuses",
      { ZENDESK_API_TOKEN: "revoked-token" },
      TICKET,
      "Zendesk 401: Couldn't authenticate you",
    ],
    ["a ticket Zendesk does not know", {}, 999_999, "Zendesk 404: RecordNotFound: Not found"],
  ])("gives up at once on %s and says so on the case", async (_what, env, ticket, error) => {
    await start(env);
    await submitIntake(h, intakeValues({ severity: "sev3", zendesk_ticket: String(ticket) }));
    await h.settle();

    expect(zendesk.calls).toHaveLength(1);
    expect(noteJobs()[0]?.failed_at).not.toBeNull();
    const failures = sql<{ payload: string }>("SELECT payload FROM case_events WHERE kind = 'slack_effect_failed'");
    expect(failures.map((f) => JSON.parse(f.payload))).toMatchObject([{ jobKind: "zendesk.note", error }]);
    // A case without a war room has no summary to show it: the person who opened it hears.
    const dm = h.fake.channels().find((c) => c.is_im && c.user === USERS.specialist)?.id ?? "";
    expect(h.fake.messages(dm).map((m) => m.text)).toEqual([
      expect.stringContaining(`but Zendesk refused adding an internal note to the Zendesk ticket: \`${error}\``),
    ]);
  });
});
