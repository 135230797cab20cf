import { describe, expect, it } from "vitest";
import { ACTION, VOTE_BLOCK } from "../../src/slack/ids.ts";
import { PROPOSAL_BLOCK } from "../../src/slack/listeners/caseForms/proposalForm.ts";
import { decisionsBetween } from "../../src/store/sanctions.ts";
import { consultTeam } from "../support/consults.ts";
import { USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import {
  SANCTION_CASE as CASE,
  FACTS,
  type FieldErrors,
  LEGAL,
  SPECIALIST_2,
  useSanctionRoom,
} from "../support/sanctionRoom.ts";

const HOUR = 60 * 60_000;

const room = useSanctionRoom();

describe("voting", () => {
  it("decides a removal only once two others approve, one a lead, with a valid statement of reasons", async () => {
    await room.propose();
    expect((await room.vote(SPECIALIST_2, "approve")).reply).toBe('""');
    expect(room.proposals()[0]).toMatchObject({ status: "open" });
    expect(room.decisions()).toEqual([]);
    expect(jsonText(room.proposalMessage()?.blocks)).toContain("Still needed:* 1 more approval, a lead's approval");
    expect(jsonText(room.summary()?.blocks)).toContain("still needed: 1 more approval");

    await room.vote(USERS.lead, "approve");
    expect(room.proposals()[0]).toMatchObject({ status: "approved" });
    const [decision] = room.decisions();
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
    expect(jsonText(room.proposalMessage()?.blocks)).toContain(`Approved* · decision \`${CASE}-D1\``);
    expect(jsonText(room.proposalMessage()?.blocks)).not.toContain(ACTION.vote);
    expect(decisionsBetween(room.h.desk.deps.db, 0, room.h.clock.now() + 1)).toEqual([
      expect.objectContaining({ caseHumanId: CASE, puid: `${CASE}-D1`, accountRef: "pro_9911" }),
    ]);
  });

  it("refuses the proposer's own vote with a clear message", async () => {
    await room.propose();
    const { viewId, reply } = await room.openVote(USERS.specialist);
    expect(viewId).toBeUndefined();
    expect(reply).toContain("You proposed this sanction");
    expect(room.votes()).toEqual([]);
  });

  it("lets a lead's reject block, and sends the case back to investigating", async () => {
    await room.propose();
    await room.vote(SPECIALIST_2, "approve");
    const stale = await room.openVote(USERS.admin);
    await room.vote(USERS.lead, "reject", "Not enough evidence");
    expect(room.proposals()[0]).toMatchObject({ status: "rejected" });
    expect(room.decisions()).toEqual([]);
    expect(room.caseStatus()).toBe("investigating");
    expect(room.eventsOf("proposal_rejected")).toHaveLength(1);
    expect(jsonText(room.proposalMessage()?.blocks)).toContain(`Rejected* by <@${USERS.lead}>`);
    expect(jsonText(room.proposalMessage()?.blocks)).not.toContain(ACTION.vote);
    const late = await room.h.driver.submitView({
      viewId: stale.viewId ?? "",
      userId: USERS.admin,
      values: { [VOTE_BLOCK.choice]: "approve", [VOTE_BLOCK.rationale]: "late" },
    });
    expect((late.body as FieldErrors).errors.choice).toContain("already rejected; votes are closed");
  });

  it("counts a changed vote as a new row that supersedes the earlier one", async () => {
    await room.propose();
    await room.vote(SPECIALIST_2, "reject", "Not convinced");
    await room.vote(SPECIALIST_2, "approve", "The receipt settles it");
    expect(room.votes().map((v) => [v.voter, v.choice])).toEqual([
      [SPECIALIST_2, "reject"],
      [SPECIALIST_2, "approve"],
    ]);
    expect(jsonText(room.proposalMessage()?.blocks)).toContain("Still needed:* 1 more approval, a lead's approval");
    await room.vote(USERS.lead, "approve");
    expect(room.proposals()[0]).toMatchObject({ status: "approved" });
  });

  it("records one vote when the vote form is submitted twice", async () => {
    await room.propose();
    const { viewId } = await room.openVote(SPECIALIST_2);
    const submit = () =>
      room.h.driver.submitView({
        viewId: viewId ?? "",
        userId: SPECIALIST_2,
        values: { [VOTE_BLOCK.choice]: "approve", [VOTE_BLOCK.rationale]: "clear" },
      });
    await Promise.all([submit(), submit()]);
    expect(room.votes()).toHaveLength(1);
    expect(room.eventsOf("vote_cast")).toHaveLength(1);
  });

  it("asks for a rationale", async () => {
    await room.propose();
    const { viewId } = await room.openVote(SPECIALIST_2);
    const res = await room.h.driver.submitView({
      viewId: viewId ?? "",
      userId: SPECIALIST_2,
      values: { [VOTE_BLOCK.choice]: "approve", [VOTE_BLOCK.rationale]: "   " },
    });
    expect((res.body as FieldErrors).errors).toEqual({ rationale: "Give the reason for your vote." });
  });

  it("refuses an observer's vote, and a consultant who is not Legal's on the case", async () => {
    await room.propose();
    expect((await room.openVote(USERS.observer)).reply).toContain("not permitted");
    expect((await room.openVote(LEGAL)).reply).toContain("not permitted");
    expect(room.votes()).toEqual([]);
  });

  it("needs a Legal consultant's approval for a Guarantee claim", async () => {
    await room.propose({ [PROPOSAL_BLOCK.rung]: "suspension_30d", [PROPOSAL_BLOCK.flags]: ["guarantee_claim"] });
    expect(jsonText(room.proposalMessage()?.blocks)).toContain(
      "1 approver other than the proposer, Legal's acknowledgement",
    );
    await room.vote(USERS.lead, "approve");
    expect(room.proposals()[0]).toMatchObject({ status: "open" });
    expect(jsonText(room.proposalMessage()?.blocks)).toContain("Still needed:* Legal's acknowledgement");

    await consultTeam(room.h, { caseId: 1, members: [LEGAL] });
    await room.vote(LEGAL, "approve", "Guarantee terms allow it");
    expect(room.votes().at(-1)).toMatchObject({ voter: LEGAL, voter_is_legal: 1 });
    expect(room.proposals()[0]).toMatchObject({ status: "approved" });
    const [decision] = room.decisions();
    expect(decision?.applies_until).toBe(Number(decision?.applies_from) + 30 * 24 * HOUR);
    const end = new Date(Number(decision?.applies_until)).toISOString().slice(0, 10);
    expect(JSON.parse(String(decision?.statement))).toMatchObject({
      decision_account: "DECISION_ACCOUNT_SUSPENDED",
      end_date_account_restriction: end,
      end_date_service_restriction: end,
    });
  });
});
