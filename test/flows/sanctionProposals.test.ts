import { describe, expect, it } from "vitest";
import { ACTION } from "../../src/slack/ids.ts";
import { PROPOSAL_BLOCK, PROPOSAL_FORM } from "../../src/slack/listeners/caseForms/proposalForm.ts";
import { clickMessageButton } from "../support/clickMessageButton.ts";
import { USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import {
  SANCTION_CASE as CASE,
  FACTS,
  type FieldErrors,
  SPECIALIST_2,
  useSanctionRoom,
} from "../support/sanctionRoom.ts";

const HOUR = 60 * 60_000;

const room = useSanctionRoom();

describe("proposing", () => {
  it("offers the case's accounts by ref, the ladder in tiers, the category's clauses first and selected", async () => {
    const { viewId } = await room.openProposalForm();
    const view = room.h.fake.view(viewId ?? "");
    expect(view?.callback_id).toBe(PROPOSAL_FORM.callbackId);
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
    // Posting waits for the room's channel budget, so the clock may move after the proposal is recorded.
    const proposedAt = room.h.clock.now();
    const res = await room.propose();
    expect(res.body).toBe("");
    expect(room.proposals()).toEqual([
      expect.objectContaining({ seq: 1, status: "open", rung: "permanent_removal", proposed_by: USERS.specialist }),
    ]);
    expect(room.caseStatus()).toBe("decision");
    const [event] = room.eventsOf("sanction_proposed");
    expect(JSON.parse(event?.payload ?? "")).toMatchObject({
      proposal: "P1",
      accountRef: "pro_9911",
      rung: "permanent_removal",
      status: { from: "investigating", to: "decision" },
    });
    expect(room.sql("SELECT idempotency_key, run_at FROM jobs WHERE kind LIKE 'proposal.%' ORDER BY id")).toEqual([
      { idempotency_key: "proposal.post:1", run_at: expect.any(Number) },
      { idempotency_key: "proposal.escalate:1", run_at: proposedAt + 72 * HOUR },
    ]);
    const message = jsonText(room.proposalMessage()?.blocks);
    expect(message).toContain("pro_9911");
    expect(message).not.toContain("Sam's Plumbing");
    expect(message).toContain("CG-4.4");
    expect(message).toContain("Respect for the customer's property");
    expect(message).toContain("2 approvers other than the proposer, one of them a lead");
    expect(message).toContain(ACTION.vote);
    expect(room.sql("SELECT message_channel_id FROM sanction_proposals")).toEqual([
      { message_channel_id: room.roomId },
    ]);
    expect(jsonText(room.summary()?.blocks)).toContain("Sanction proposals awaiting a decision");
  });

  it("opens the form from `/incident propose` in the war room", async () => {
    await room.h.driver.command({ text: "propose", userId: USERS.specialist, channelId: room.roomId });
    await expect
      .poll(() => room.h.fake.views().filter((v) => v.callback_id === PROPOSAL_FORM.callbackId))
      .toHaveLength(1);
  });

  it("refuses facts that name a party with a field error, and records nothing", async () => {
    const before = room.events().length;
    for (const facts of ["Sam's plumbing took the tools.", "Account pro_9911 took the tools."]) {
      const res = await room.propose({ [PROPOSAL_BLOCK.facts]: facts });
      expect(res.body).toMatchObject({ response_action: "errors" });
      expect(Object.keys((res.body as FieldErrors).errors)).toEqual([PROPOSAL_BLOCK.facts]);
      expect((res.body as FieldErrors).errors.facts).toContain("leave out names and account ids");
    }
    expect(room.proposals()).toEqual([]);
    expect(room.events()).toHaveLength(before);
  });

  it("takes facts up to the form's 3000 characters, Slack's input limit, and refuses more", async () => {
    const { viewId } = await room.openProposalForm();
    const factsBlock = room.h.fake
      .view(viewId ?? "")
      ?.blocks.find((b) => (b as { block_id?: string }).block_id === PROPOSAL_BLOCK.facts);
    expect(factsBlock).toMatchObject({ element: { max_length: 3000 } });
    const over = await room.propose({ [PROPOSAL_BLOCK.facts]: `${FACTS} ${"x".repeat(3000 - FACTS.length)}` });
    expect((over.body as FieldErrors).errors).toEqual({ facts: "Keep the facts to 3000 characters or fewer." });
    expect(room.proposals()).toEqual([]);
    expect((await room.propose({ [PROPOSAL_BLOCK.facts]: FACTS.padEnd(3000, ".") })).body).toBe("");
    expect(room.proposals()).toHaveLength(1);
  });

  it("records one proposal when the same form is submitted twice", async () => {
    const { viewId } = await room.openProposalForm();
    const submit = () =>
      room.h.driver.submitView({ viewId: viewId ?? "", userId: USERS.specialist, values: room.proposalValues() });
    await Promise.all([submit(), submit()]);
    expect(room.proposals()).toHaveLength(1);
    expect(room.eventsOf("sanction_proposed")).toHaveLength(1);
  });

  it("refuses an observer the form, from the button and the command", async () => {
    const { viewId, reply } = await room.openProposalForm(USERS.observer);
    expect(viewId).toBeUndefined();
    expect(reply).toContain("not permitted");
    const command = await room.h.driver.command({ text: "propose", userId: USERS.observer, channelId: room.roomId });
    expect(jsonText(command.body)).toContain("not permitted");
  });

  it("decides a warning at once, as the proposer may alone", async () => {
    const res = await room.propose({ [PROPOSAL_BLOCK.rung]: "warning", [PROPOSAL_BLOCK.clauses]: ["CG-4.1"] });
    expect(res.body).toBe("");
    expect(room.proposals()[0]).toMatchObject({ status: "approved" });
    expect(room.decisions()).toEqual([expect.objectContaining({ rung: "warning", puid: `${CASE}-D1` })]);
    expect(room.eventsOf("decision_recorded")).toHaveLength(1);
    expect(room.sql("SELECT idempotency_key FROM jobs WHERE kind = 'proposal.escalate'")).toEqual([]);
    expect(jsonText(room.proposalMessage()?.blocks)).toContain(`${CASE}-D1`);
    expect(jsonText(room.proposalMessage()?.blocks)).not.toContain(ACTION.vote);
  });

  it("refuses more than a warning on a property-damage case until mediation has an outcome", async () => {
    await room.startAfresh();
    await submitIntake(room.h, intakeValues({ category: "property-damage", title: "Broken window" }));
    await room.h.settle();
    const thread = room.sql<{ triage_ts: string }>("SELECT triage_ts FROM cases")[0]?.triage_ts ?? "";
    const { viewId } = await clickMessageButton(room.h, {
      userId: USERS.specialist,
      channelId: room.h.triageChannelId,
      messageTs: thread,
      actionId: PROPOSAL_FORM.button.actionId,
    });
    const res = await room.h.driver.submitView({
      viewId: viewId ?? "",
      userId: USERS.specialist,
      values: room.proposalValues({ [PROPOSAL_BLOCK.rung]: "suspension_7d" }),
    });
    expect(Object.keys((res.body as FieldErrors).errors)).toEqual([PROPOSAL_BLOCK.rung]);
    expect((res.body as FieldErrors).errors.rung).toContain("mediated first");
  });
});

describe("escalation", () => {
  const escalations = () =>
    room.h.fake
      .messages(room.h.config.slack.escalationChannelId)
      .filter((m) => m.text?.startsWith("Undecided sanction"));

  it("tells the leads once, 72 hours after an undecided proposal", async () => {
    const proposedAt = room.h.clock.now();
    await room.propose();
    room.h.clock.set(proposedAt + 72 * HOUR - 1);
    await room.h.settle();
    expect(escalations()).toEqual([]);
    room.h.clock.advance(1);
    await room.h.settle();
    expect(escalations()).toHaveLength(1);
    expect(jsonText(escalations()[0]?.blocks)).toContain(`<@${USERS.lead}>`);
    expect(room.eventsOf("proposal_escalated")).toHaveLength(1);
    expect(room.proposals()[0]).toMatchObject({ status: "escalated" });
    room.h.clock.advance(72 * HOUR);
    await room.h.settle();
    expect(escalations()).toHaveLength(1);
    // Still undecided: votes keep counting.
    await room.vote(SPECIALIST_2, "approve");
    await room.vote(USERS.lead, "approve");
    expect(room.proposals()[0]).toMatchObject({ status: "approved" });
  });

  it("does nothing once the proposal is decided", async () => {
    await room.propose({ [PROPOSAL_BLOCK.rung]: "suspension_7d" });
    await room.vote(USERS.lead, "approve");
    expect(room.decisions()).toHaveLength(1);
    room.h.clock.advance(73 * HOUR);
    await room.h.settle();
    expect(escalations()).toEqual([]);
    expect(room.eventsOf("proposal_escalated")).toEqual([]);
  });
});
