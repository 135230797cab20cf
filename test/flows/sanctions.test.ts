import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION, CALLBACK, PROPOSAL_BLOCK, VOTE_BLOCK } from "../../src/slack/ids.ts";
import { decisionsBetween } from "../../src/store/sanctions.ts";
import { moveCase } from "../support/caseState.ts";
import { clickMessageButton } from "../support/clickMessageButton.ts";
import { consultTeam } from "../support/consults.ts";
import { grantRole, type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import type { FieldValue } from "../support/slackDriver.ts";

type FieldErrors = { response_action: "errors"; errors: Record<string, string> };
type EventRow = { seq: number; kind: string; actor: string; payload: string; prev_hash: string; hash: string };

const CASE = "TS-2026-0001";
const ROOM = "ts-2026-0001-theft";
const SPECIALIST_2 = "U0SPEC2";
const LEGAL = "U0LEGAL1";
const HOUR = 60 * 60_000;
const FACTS = "The pro took tools from the customer's garage during a booked job and refused to return them.";

describe("sanctions", () => {
  let h: Harness;
  let roomId: string;

  beforeEach(async () => {
    h = await startHarness();
    h.fake.addUser({ id: SPECIALIST_2, name: "kim" });
    h.fake.addUser({ id: LEGAL, name: "lee" });
    await grantRole(h, SPECIALIST_2, "specialist");
    await grantRole(h, LEGAL, "consultant");
    await submitIntake(h, intakeValues({ category: "theft", title: "Tools missing after a visit" }));
    await h.settle();
    roomId = h.fake.channelByName(ROOM)?.id ?? "";
    moveTo("investigating");
    await h.settle();
  });
  afterEach(() => h.close());

  const sqlite = () => h.desk.database.sqlite;
  const sql = <T>(query: string, ...params: unknown[]) =>
    sqlite()
      .prepare(query)
      .all(...params) as T[];
  const events = () => sql<EventRow>("SELECT * FROM case_events WHERE case_id = 1 ORDER BY seq");
  const eventsOf = (kind: string) => events().filter((e) => e.kind === kind);
  const proposals = () => sql<Record<string, unknown>>("SELECT * FROM sanction_proposals ORDER BY id");
  const votes = () => sql<Record<string, unknown>>("SELECT * FROM sanction_votes ORDER BY id");
  const decisions = () => sql<Record<string, unknown>>("SELECT * FROM decisions ORDER BY id");
  const caseStatus = () => sql<{ status: string }>("SELECT status FROM cases WHERE id = 1")[0]?.status;
  const accountId = (ref: string) =>
    String(sql<{ id: number }>("SELECT id FROM accounts WHERE account_ref = ?", ref)[0]?.id);
  const summary = () => h.fake.message(roomId, h.fake.pins(roomId)[0] ?? "");
  const proposalMessage = (seq = 1) =>
    h.fake.messages(roomId).find((m) => m.text?.startsWith(`Sanction proposal P${seq} `));

  function moveTo(status: "investigating" | "decision" | "resolved"): void {
    moveCase(h, CASE, status, USERS.lead);
  }

  const proposalValues = (overrides: Record<string, FieldValue> = {}): Record<string, FieldValue> => ({
    [PROPOSAL_BLOCK.account]: accountId("pro_9911"),
    [PROPOSAL_BLOCK.rung]: "permanent_removal",
    [PROPOSAL_BLOCK.clauses]: ["CG-4.4", "CG-3.2"],
    [PROPOSAL_BLOCK.facts]: FACTS,
    ...overrides,
  });

  async function openProposalForm(userId: string = USERS.specialist) {
    return clickMessageButton(h, {
      userId,
      channelId: roomId,
      messageTs: summary()?.ts ?? "",
      actionId: ACTION.proposeSanction,
    });
  }

  async function propose(overrides: Record<string, FieldValue> = {}, userId: string = USERS.specialist) {
    const { viewId } = await openProposalForm(userId);
    const res = await h.driver.submitView({ viewId: viewId ?? "", userId, values: proposalValues(overrides) });
    await h.settle();
    return { ...res, viewId: viewId ?? "" };
  }

  async function openVote(userId: string, seq = 1) {
    return clickMessageButton(h, {
      userId,
      channelId: roomId,
      messageTs: proposalMessage(seq)?.ts ?? "",
      actionId: ACTION.vote,
    });
  }

  async function vote(userId: string, choice: string, rationale = `${choice}: the evidence is clear`, seq = 1) {
    const { viewId, reply } = await openVote(userId, seq);
    if (!viewId) return { reply, viewId };
    const res = await h.driver.submitView({
      viewId,
      userId,
      values: { [VOTE_BLOCK.choice]: choice, [VOTE_BLOCK.rationale]: rationale },
    });
    await h.settle();
    return { reply: jsonText(res.body), viewId, res };
  }

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
      await h.close();
      h = await startHarness();
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

  describe("voting", () => {
    it("decides a removal only once two others approve, one a lead, with a valid statement of reasons", async () => {
      await propose();
      expect((await vote(SPECIALIST_2, "approve")).reply).toBe('""');
      expect(proposals()[0]).toMatchObject({ status: "open" });
      expect(decisions()).toEqual([]);
      expect(jsonText(proposalMessage()?.blocks)).toContain("Still needed:* 1 more approval, a lead's approval");
      expect(jsonText(summary()?.blocks)).toContain("still needed: 1 more approval");

      await vote(USERS.lead, "approve");
      expect(proposals()[0]).toMatchObject({ status: "approved" });
      const [decision] = decisions();
      expect(decision).toMatchObject({ puid: `${CASE}-D1`, rung: "permanent_removal", applies_until: null });
      const statement = JSON.parse(String(decision?.statement));
      expect(statement).toMatchObject({
        decision_account: "DECISION_ACCOUNT_TERMINATED",
        decision_provision: "DECISION_PROVISION_TOTAL_TERMINATION",
        decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
        automated_detection: "No",
        automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED",
        source_type: "SOURCE_ARTICLE_16",
        puid: `${CASE}-D1`,
        decision_facts: FACTS,
      });
      expect(Object.keys(statement).filter((field) => field.startsWith("end_date"))).toEqual([]);
      expect(statement.decision_facts).not.toMatch(/Sam's Plumbing|Dana R\.|pro_9911|cus_48213/);
      expect(statement.incompatible_content_ground).toContain("CG-4.4 Respect for the customer's property");
      expect(jsonText(proposalMessage()?.blocks)).toContain(`Approved* · decision \`${CASE}-D1\``);
      expect(jsonText(proposalMessage()?.blocks)).not.toContain(ACTION.vote);
      expect(decisionsBetween(h.desk.deps.db, 0, h.clock.now() + 1)).toEqual([
        expect.objectContaining({ caseHumanId: CASE, puid: `${CASE}-D1`, accountRef: "pro_9911" }),
      ]);
    });

    it("refuses the proposer's own vote with a clear message", async () => {
      await propose();
      const { viewId, reply } = await openVote(USERS.specialist);
      expect(viewId).toBeUndefined();
      expect(reply).toContain("You proposed this sanction");
      expect(votes()).toEqual([]);
    });

    it("lets a lead's reject block, and sends the case back to investigating", async () => {
      await propose();
      await vote(SPECIALIST_2, "approve");
      const stale = await openVote(USERS.admin);
      await vote(USERS.lead, "reject", "Not enough evidence");
      expect(proposals()[0]).toMatchObject({ status: "rejected" });
      expect(decisions()).toEqual([]);
      expect(caseStatus()).toBe("investigating");
      expect(eventsOf("proposal_rejected")).toHaveLength(1);
      expect(jsonText(proposalMessage()?.blocks)).toContain(`Rejected* by <@${USERS.lead}>`);
      expect(jsonText(proposalMessage()?.blocks)).not.toContain(ACTION.vote);
      const late = await h.driver.submitView({
        viewId: stale.viewId ?? "",
        userId: USERS.admin,
        values: { [VOTE_BLOCK.choice]: "approve", [VOTE_BLOCK.rationale]: "late" },
      });
      expect((late.body as FieldErrors).errors.choice).toContain("already rejected; votes are closed");
    });

    it("counts a changed vote as a new row that supersedes the earlier one", async () => {
      await propose();
      await vote(SPECIALIST_2, "reject", "Not convinced");
      await vote(SPECIALIST_2, "approve", "The receipt settles it");
      expect(votes().map((v) => [v.voter, v.choice])).toEqual([
        [SPECIALIST_2, "reject"],
        [SPECIALIST_2, "approve"],
      ]);
      expect(jsonText(proposalMessage()?.blocks)).toContain("Still needed:* 1 more approval, a lead's approval");
      await vote(USERS.lead, "approve");
      expect(proposals()[0]).toMatchObject({ status: "approved" });
    });

    it("records one vote when the vote form is submitted twice", async () => {
      await propose();
      const { viewId } = await openVote(SPECIALIST_2);
      const submit = () =>
        h.driver.submitView({
          viewId: viewId ?? "",
          userId: SPECIALIST_2,
          values: { [VOTE_BLOCK.choice]: "approve", [VOTE_BLOCK.rationale]: "clear" },
        });
      await Promise.all([submit(), submit()]);
      expect(votes()).toHaveLength(1);
      expect(eventsOf("vote_cast")).toHaveLength(1);
    });

    it("asks for a rationale", async () => {
      await propose();
      const { viewId } = await openVote(SPECIALIST_2);
      const res = await h.driver.submitView({
        viewId: viewId ?? "",
        userId: SPECIALIST_2,
        values: { [VOTE_BLOCK.choice]: "approve", [VOTE_BLOCK.rationale]: "   " },
      });
      expect((res.body as FieldErrors).errors).toEqual({ rationale: "Give the reason for your vote." });
    });

    it("refuses an observer's vote, and a consultant who is not Legal's on the case", async () => {
      await propose();
      expect((await openVote(USERS.observer)).reply).toContain("not permitted");
      expect((await openVote(LEGAL)).reply).toContain("not permitted");
      expect(votes()).toEqual([]);
    });

    it("needs a Legal consultant's approval for a Guarantee claim", async () => {
      await propose({ [PROPOSAL_BLOCK.rung]: "suspension_30d", [PROPOSAL_BLOCK.flags]: ["guarantee_claim"] });
      expect(jsonText(proposalMessage()?.blocks)).toContain(
        "1 approver other than the proposer, Legal's acknowledgement",
      );
      await vote(USERS.lead, "approve");
      expect(proposals()[0]).toMatchObject({ status: "open" });
      expect(jsonText(proposalMessage()?.blocks)).toContain("Still needed:* Legal's acknowledgement");

      await consultTeam(h, { caseId: 1, members: [LEGAL] });
      await vote(LEGAL, "approve", "Guarantee terms allow it");
      expect(votes().at(-1)).toMatchObject({ voter: LEGAL, voter_is_legal: 1 });
      expect(proposals()[0]).toMatchObject({ status: "approved" });
      const [decision] = decisions();
      expect(decision?.applies_until).toBe(Number(decision?.applies_from) + 30 * 24 * HOUR);
      const end = new Date(Number(decision?.applies_until)).toISOString().slice(0, 10);
      expect(JSON.parse(String(decision?.statement))).toMatchObject({
        decision_account: "DECISION_ACCOUNT_SUSPENDED",
        end_date_account_restriction: end,
        end_date_service_restriction: end,
      });
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

  describe("the record", () => {
    it("puts every step in the chained timeline, and the chain verifies", async () => {
      await propose();
      await vote(SPECIALIST_2, "approve");
      await vote(USERS.lead, "approve");
      const kinds = events().map((e) => e.kind);
      expect(kinds.slice(-4)).toEqual(["sanction_proposed", "vote_cast", "vote_cast", "decision_recorded"]);
      expect(JSON.parse(eventsOf("vote_cast")[1]?.payload ?? "")).toMatchObject({
        proposal: "P1",
        choice: "approve",
        outcome: "approved",
      });
      expect(JSON.parse(eventsOf("decision_recorded")[0]?.payload ?? "")).toMatchObject({
        puid: `${CASE}-D1`,
        rung: "permanent_removal",
        accountRef: "pro_9911",
        endDate: null,
      });
      const verify = await h.driver.command({ text: "verify", userId: USERS.observer, channelId: roomId });
      expect(jsonText(verify.body)).toContain("chain intact");
    });

    it("refuses UPDATE and DELETE on decisions and votes", async () => {
      await propose({ [PROPOSAL_BLOCK.rung]: "suspension_7d" });
      await vote(USERS.lead, "approve");
      for (const statement of [
        "UPDATE decisions SET rung = 'warning'",
        "DELETE FROM decisions",
        "UPDATE sanction_votes SET choice = 'reject'",
        "DELETE FROM sanction_votes",
      ]) {
        expect(() => sqlite().prepare(statement).run()).toThrow(/append-only/);
      }
    });

    it("flags a party with two standing strikes in 12 months as a repeat offender", async () => {
      await propose({ [PROPOSAL_BLOCK.rung]: "suspension_7d" });
      await vote(USERS.lead, "approve");
      expect(jsonText(summary()?.blocks)).not.toContain("repeat offender");
      moveTo("investigating");
      await propose({ [PROPOSAL_BLOCK.rung]: "payout_hold" });
      await vote(USERS.lead, "approve", "clear", 2);
      expect(decisions()).toHaveLength(2);
      expect(jsonText(summary()?.blocks)).toContain("repeat offender: 2 strikes in 12 months");
    });
  });

  describe("interim protective suspension", () => {
    const interim = () => sql<Record<string, unknown>>("SELECT * FROM interim_suspensions ORDER BY id");
    const command = async (userId: string, commandText: string) =>
      (await h.driver.command({ text: commandText, userId, channelId: roomId })).body as { text: string };

    it("is applied at once by a lead, shown in red, and confirmed by a suspension decision", async () => {
      const reply = await command(USERS.lead, "interim pro_9911 Customer reports threats; protect them meanwhile");
      expect(reply.text).toContain("suspended in the interim on TS-2026-0001");
      expect(interim()).toMatchObject([{ resolution: null, applied_by: USERS.lead }]);
      expect(eventsOf("interim_suspension_applied")).toHaveLength(1);
      await h.settle();
      expect(jsonText(summary()?.blocks)).toContain(":red_circle: *`pro_9911` suspended in the interim*");

      await propose({ [PROPOSAL_BLOCK.rung]: "suspension_30d" });
      await vote(SPECIALIST_2, "approve");
      expect(decisions()).toHaveLength(1);
      expect(interim()).toMatchObject([{ resolution: "confirmed", resolved_by: SPECIALIST_2 }]);
      expect(jsonText(summary()?.blocks)).not.toContain("suspended in the interim");
    });

    it("is lifted by a warning decision", async () => {
      await command(USERS.lead, "interim pro_9911 protect the customer");
      await propose({ [PROPOSAL_BLOCK.rung]: "warning" });
      expect(interim()).toMatchObject([{ resolution: "lifted" }]);
    });

    it("can be lifted by a lead without a sanction, on the record", async () => {
      await command(USERS.lead, "interim pro_9911 protect the customer");
      const reply = await command(USERS.lead, "interim lift pro_9911 The police report does not name the pro");
      expect(reply.text).toContain("lifted");
      expect(interim()).toMatchObject([{ resolution: "lifted", resolved_by: USERS.lead }]);
      expect(eventsOf("interim_suspension_lifted")).toHaveLength(1);
    });

    it.each<[string, string, string]>([
      ["a specialist", USERS.specialist, "not permitted"],
      ["an observer", USERS.observer, "not permitted"],
    ])("is refused to %s", async (_who, userId, message) => {
      expect((await command(userId, "interim pro_9911 because")).text).toContain(message);
      expect(interim()).toHaveLength(0);
    });

    it.each([
      ["an account that is not a party", "interim pro_0000 because", "is not a party"],
      ["no reason", "interim pro_9911", "Usage"],
      ["a second suspension of the same account", "interim pro_9911 again", "already suspended"],
    ])("refuses %s", async (_what, commandText, message) => {
      if (message === "already suspended") await command(USERS.lead, "interim pro_9911 first");
      expect((await command(USERS.lead, commandText)).text).toContain(message);
    });

    it("is only for SEV1 and SEV2 cases", async () => {
      await submitIntake(h, intakeValues({ category: "harassment", title: "Rude messages" }));
      const reply = (
        await h.driver.command({
          text: "interim TS-2026-0002 pro_9911 because",
          userId: USERS.lead,
          channelId: h.triageChannelId,
        })
      ).body as { text: string };
      expect(reply.text).toContain("SEV1 and SEV2");
    });
  });

  describe("appeals", () => {
    const appeals = () => sql<Record<string, unknown>>("SELECT * FROM appeals ORDER BY id");
    const command = async (userId: string, commandText: string) =>
      (await h.driver.command({ text: commandText, userId, channelId: roomId })).body as { text: string };

    /** A 30-day suspension decided by SPECIALIST_2's approval, and the case resolved. */
    async function decidedSuspension() {
      await propose({ [PROPOSAL_BLOCK.rung]: "suspension_30d" });
      await vote(SPECIALIST_2, "approve");
      expect(decisions()).toHaveLength(1);
      moveTo("resolved");
    }

    it("refuses an appeal more than six months after the decision", async () => {
      await decidedSuspension();
      h.clock.advance(184 * 24 * 60 * 60_000);
      const reply = await command(USERS.specialist, "appeal D1 The customer withdrew the complaint");
      expect(reply.text).toContain("appeal window for TS-2026-0001-D1 closed on");
      expect(appeals()).toHaveLength(0);
      expect(caseStatus()).toBe("resolved");
    });

    it("opens within six months, and only an independent reviewer may review it", async () => {
      await decidedSuspension();
      h.clock.advance(150 * 24 * 60 * 60_000);
      expect((await command(USERS.specialist, "appeal D1 New evidence: the tools were returned")).text).toContain(
        "under appeal against TS-2026-0001-D1",
      );
      expect(caseStatus()).toBe("appealed");
      expect(eventsOf("appeal_opened")).toHaveLength(1);
      expect((await command(USERS.specialist, "appeal D1 again")).text).toContain("already has an appeal");

      for (const involved of [USERS.specialist, SPECIALIST_2]) {
        expect((await command(involved, "appeal review upheld The facts stand")).text).toContain("someone independent");
      }
      expect(
        (await command(USERS.lead, "appeal review upheld The facts stand; the return came after the decision")).text,
      ).toContain("appeal upheld");
      expect(appeals()).toMatchObject([{ outcome: "upheld", reviewer: USERS.lead }]);
      expect(caseStatus()).toBe("closed");
    });

    it("overturns through the overturn approval rule and records a reversing decision", async () => {
      await decidedSuspension();
      await command(USERS.specialist, "appeal D1 The police report names someone else");
      const reviewed = await command(USERS.lead, "appeal review overturned The police report names another person");
      expect(reviewed.text).toContain("P2 proposes the appeal's outcome (overturned)");
      expect(proposals()[1]).toMatchObject({ kind: "overturn", rung: "none", status: "open", proposed_by: USERS.lead });
      await h.settle();

      await vote(USERS.specialist, "approve", "the report settles it", 2);
      expect(decisions()).toHaveLength(1);
      await vote(USERS.admin, "approve", "agreed, reverse it", 2);
      expect(decisions()).toHaveLength(2);
      const [first, reversal] = decisions();
      expect(reversal).toMatchObject({ rung: "none", supersedes_decision_id: first?.id, puid: "TS-2026-0001-D2" });
      const statement = JSON.parse(String(reversal?.statement)) as Record<string, unknown>;
      for (const restriction of [
        "decision_account",
        "decision_provision",
        "decision_visibility",
        "decision_monetary",
      ]) {
        expect(statement).not.toHaveProperty(restriction);
      }
      expect(appeals()).toMatchObject([{ outcome: "overturned", reviewer: USERS.lead }]);
      expect((await command(USERS.observer, "verify")).text).toContain("chain intact");
    });

    it("refuses a modification without a new rung, and facts that name a party", async () => {
      await decidedSuspension();
      await command(USERS.specialist, "appeal D1 Too harsh for a first issue");
      expect((await command(USERS.lead, "appeal review modified Too harsh")).text).toContain("Name the rung");
      expect((await command(USERS.lead, "appeal review overturned pro_9911 did nothing wrong")).text).toContain(
        "leave the parties' names",
      );
      expect(proposals()).toHaveLength(1);
    });
  });

  it("exports a removal decided by votes as a statement of reasons without the parties' names", async () => {
    await propose();
    await vote(SPECIALIST_2, "approve");
    expect(decisions()).toHaveLength(0);
    await vote(USERS.lead, "approve");
    expect(decisions()).toHaveLength(1);

    const exported = await h.driver.command({
      text: "export decisions 2026-11-01 2026-11-30",
      userId: USERS.lead,
      channelId: roomId,
    });
    expect(jsonText(exported.body)).toContain("Preparing");
    await expect.poll(() => h.fake.callsTo("files.completeUploadExternal").length).toBe(1);
    const shared = (h.fake.callsTo("files.completeUploadExternal")[0]?.args.files ?? []) as Array<{ id: string }>;
    const json = shared.map((f) => h.fake.fileContent(f.id)?.toString("utf8") ?? "").find((c) => c.startsWith("{"));
    const [first] = (JSON.parse(json ?? "{}") as { statements: Array<{ statement: Record<string, unknown> }> })
      .statements;
    const statement = first?.statement;
    expect(statement).toMatchObject({
      puid: "TS-2026-0001-D1",
      decision_account: "DECISION_ACCOUNT_TERMINATED",
      decision_provision: "DECISION_PROVISION_TOTAL_TERMINATION",
      decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
      automated_detection: "No",
      automated_decision: "AUTOMATED_DECISION_NOT_AUTOMATED",
      decision_facts: FACTS,
    });
    for (const name of ["pro_9911", "Sam's Plumbing", "cus_48213", "Dana R."]) {
      expect(JSON.stringify(statement)).not.toContain(name);
    }
  });
});
