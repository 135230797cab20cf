import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION, CALLBACK, PROPOSAL_BLOCK } from "../../src/slack/ids.ts";
import { clickMessageButton } from "../support/clickMessageButton.ts";
import { type Harness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { SANCTION_CASE as CASE, FACTS, type FieldErrors, SanctionRoom, SPECIALIST_2 } from "../support/sanctionRoom.ts";

const HOUR = 60 * 60_000;

const room = new SanctionRoom();
const {
  startAfresh,
  sql,
  events,
  eventsOf,
  proposals,
  decisions,
  caseStatus,
  summary,
  proposalMessage,
  proposalValues,
  openProposalForm,
  propose,
  vote,
} = room;
let h: Harness;
let roomId: string;

beforeEach(async () => {
  h = await room.open();
  roomId = room.roomId;
});
afterEach(room.close);

describe("proposing", () => {
  it("offers the case's accounts by ref, the ladder in tiers, the category's clauses first and selected", async () => {
    const { viewId } = await openProposalForm();
    const view = h.fake.view(viewId ?? "");
    expect(view?.callback_id).toBe(CALLBACK.proposal);
    const block = (id: string) =>
      view?.blocks.find((b) => (b as { block_id?: string }).block_id === id) as {
        element: Record<string, unknown>;
      };
    expect(jsonText(block(PROPOSAL_BLOCK.account).element.options)).toContain("pro_9911");
    expect(jsonText(block(PROPOSAL_BLOCK.account).element.options)).not.toContain("Sam's Plumbing");
    const groups = block(PROPOSAL_BLOCK.rung).element.option_groups as Array<{ label: { text: string } }>;
    expect(groups.map((g) => g.label.text)).toEqual([
      "Warning",
      "Restriction",
      "Temporary suspension",
      "Permanent removal",
    ]);
    const clauses = block(PROPOSAL_BLOCK.clauses).element as {
      options: Array<{ value: string }>;
      initial_options: Array<{ value: string }>;
    };
    expect(clauses.options[0]?.value).toBe("CG-4.4");
    expect(clauses.initial_options.map((o) => o.value)).toEqual(["CG-4.4"]);
  });

  it("records P1, moves the case to decision, posts it in the war room and schedules the escalation", async () => {
    const res = await propose();
    expect(res.body).toBe("");
    expect(proposals()).toEqual([
      expect.objectContaining({ seq: 1, status: "open", rung: "permanent_removal", proposed_by: USERS.specialist }),
    ]);
    expect(caseStatus()).toBe("decision");
    const [event] = eventsOf("sanction_proposed");
    expect(JSON.parse(event?.payload ?? "")).toMatchObject({
      proposal: "P1",
      accountRef: "pro_9911",
      rung: "permanent_removal",
      status: { from: "investigating", to: "decision" },
    });
    expect(sql("SELECT idempotency_key, run_at FROM jobs WHERE kind LIKE 'proposal.%' ORDER BY id")).toEqual([
      { idempotency_key: "proposal.post:1", run_at: expect.any(Number) },
      { idempotency_key: "proposal.escalate:1", run_at: h.clock.now() + 72 * HOUR },
    ]);
    const message = jsonText(proposalMessage()?.blocks);
    expect(message).toContain("pro_9911");
    expect(message).not.toContain("Sam's Plumbing");
    expect(message).toContain("CG-4.4");
    expect(message).toContain("Respect for the customer's property");
    expect(message).toContain("2 approvers other than the proposer, one of them a lead");
    expect(message).toContain(ACTION.vote);
    expect(sql("SELECT message_channel_id FROM sanction_proposals")).toEqual([{ message_channel_id: roomId }]);
    expect(jsonText(summary()?.blocks)).toContain("Sanction proposals awaiting a decision");
  });

  it("opens the form from `/incident propose` in the war room", async () => {
    await h.driver.command({ text: "propose", userId: USERS.specialist, channelId: roomId });
    await expect.poll(() => h.fake.views().filter((v) => v.callback_id === CALLBACK.proposal)).toHaveLength(1);
  });

  it("refuses facts that name a party with a field error, and records nothing", async () => {
    const before = events().length;
    for (const facts of ["Sam's plumbing took the tools.", "Account pro_9911 took the tools."]) {
      const res = await propose({ [PROPOSAL_BLOCK.facts]: facts });
      expect(res.body).toMatchObject({ response_action: "errors" });
      expect(Object.keys((res.body as FieldErrors).errors)).toEqual([PROPOSAL_BLOCK.facts]);
      expect((res.body as FieldErrors).errors.facts).toContain("leave out names and account ids");
    }
    expect(proposals()).toEqual([]);
    expect(events()).toHaveLength(before);
  });

  it("takes facts up to the form's 3000 characters, Slack's input limit, and refuses more", async () => {
    const { viewId } = await openProposalForm();
    const factsBlock = h.fake
      .view(viewId ?? "")
      ?.blocks.find((b) => (b as { block_id?: string }).block_id === PROPOSAL_BLOCK.facts);
    expect(factsBlock).toMatchObject({ element: { max_length: 3000 } });
    const over = await propose({ [PROPOSAL_BLOCK.facts]: `${FACTS} ${"x".repeat(3000 - FACTS.length)}` });
    expect((over.body as FieldErrors).errors).toEqual({ facts: "Keep the facts to 3000 characters or fewer." });
    expect(proposals()).toEqual([]);
    expect((await propose({ [PROPOSAL_BLOCK.facts]: FACTS.padEnd(3000, ".") })).body).toBe("");
    expect(proposals()).toHaveLength(1);
  });

  it("records one proposal when the same form is submitted twice", async () => {
    const { viewId } = await openProposalForm();
    const submit = () =>
      h.driver.submitView({ viewId: viewId ?? "", userId: USERS.specialist, values: proposalValues() });
    await Promise.all([submit(), submit()]);
    expect(proposals()).toHaveLength(1);
    expect(eventsOf("sanction_proposed")).toHaveLength(1);
  });

  it("refuses an observer the form, from the button and the command", async () => {
    const { viewId, reply } = await openProposalForm(USERS.observer);
    expect(viewId).toBeUndefined();
    expect(reply).toContain("not permitted");
    const command = await h.driver.command({ text: "propose", userId: USERS.observer, channelId: roomId });
    expect(jsonText(command.body)).toContain("not permitted");
  });

  it("decides a warning at once, as the proposer may alone", async () => {
    const res = await propose({ [PROPOSAL_BLOCK.rung]: "warning", [PROPOSAL_BLOCK.clauses]: ["CG-4.1"] });
    expect(res.body).toBe("");
    expect(proposals()[0]).toMatchObject({ status: "approved" });
    expect(decisions()).toEqual([expect.objectContaining({ rung: "warning", puid: `${CASE}-D1` })]);
    expect(eventsOf("decision_recorded")).toHaveLength(1);
    expect(sql("SELECT idempotency_key FROM jobs WHERE kind = 'proposal.escalate'")).toEqual([]);
    expect(jsonText(proposalMessage()?.blocks)).toContain(`${CASE}-D1`);
    expect(jsonText(proposalMessage()?.blocks)).not.toContain(ACTION.vote);
  });

  it("refuses more than a warning on a property-damage case until mediation has an outcome", async () => {
    h = await startAfresh();
    await submitIntake(h, intakeValues({ category: "property-damage", title: "Broken window" }));
    await h.settle();
    const thread = sql<{ triage_ts: string }>("SELECT triage_ts FROM cases")[0]?.triage_ts ?? "";
    const { viewId } = await clickMessageButton(h, {
      userId: USERS.specialist,
      channelId: h.triageChannelId,
      messageTs: thread,
      actionId: ACTION.proposeSanction,
    });
    const res = await h.driver.submitView({
      viewId: viewId ?? "",
      userId: USERS.specialist,
      values: proposalValues({ [PROPOSAL_BLOCK.rung]: "suspension_7d" }),
    });
    expect(Object.keys((res.body as FieldErrors).errors)).toEqual([PROPOSAL_BLOCK.rung]);
    expect((res.body as FieldErrors).errors.rung).toContain("mediated first");
  });
});

describe("escalation", () => {
  const escalations = () =>
    h.fake.messages(h.config.slack.escalationChannelId).filter((m) => m.text?.startsWith("Undecided sanction"));

  it("tells the leads once, 72 hours after an undecided proposal", async () => {
    await propose();
    h.clock.advance(72 * HOUR - 1);
    await h.settle();
    expect(escalations()).toEqual([]);
    h.clock.advance(1);
    await h.settle();
    expect(escalations()).toHaveLength(1);
    expect(jsonText(escalations()[0]?.blocks)).toContain(`<@${USERS.lead}>`);
    expect(eventsOf("proposal_escalated")).toHaveLength(1);
    expect(proposals()[0]).toMatchObject({ status: "escalated" });
    h.clock.advance(72 * HOUR);
    await h.settle();
    expect(escalations()).toHaveLength(1);
    // Still undecided: votes keep counting.
    await vote(SPECIALIST_2, "approve");
    await vote(USERS.lead, "approve");
    expect(proposals()[0]).toMatchObject({ status: "approved" });
  });

  it("does nothing once the proposal is decided", async () => {
    await propose({ [PROPOSAL_BLOCK.rung]: "suspension_7d" });
    await vote(USERS.lead, "approve");
    expect(decisions()).toHaveLength(1);
    h.clock.advance(73 * HOUR);
    await h.settle();
    expect(escalations()).toEqual([]);
    expect(eventsOf("proposal_escalated")).toEqual([]);
  });
});
