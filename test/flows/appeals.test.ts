import { describe, expect, it } from "vitest";
import { PROPOSAL_BLOCK } from "../../src/slack/listeners/caseForms/proposalForm.ts";
import { USERS } from "../support/harness.ts";
import { SPECIALIST_2, useSanctionRoom } from "../support/sanctionRoom.ts";

const room = useSanctionRoom();

describe("appeals", () => {
  const appeals = () => room.sql<Record<string, unknown>>("SELECT * FROM appeals ORDER BY id");

  /** A 30-day suspension decided by SPECIALIST_2's approval, and the case resolved. */
  async function decidedSuspension() {
    await room.propose({ [PROPOSAL_BLOCK.rung]: "suspension_30d" });
    await room.vote(SPECIALIST_2, "approve");
    expect(room.decisions()).toHaveLength(1);
    room.moveTo("resolved");
  }

  it("refuses an appeal more than six months after the decision", async () => {
    await decidedSuspension();
    room.h.clock.advance(184 * 24 * 60 * 60_000);
    const reply = await room.command(USERS.specialist, "appeal D1 The customer withdrew the complaint");
    expect(reply.text).toContain("appeal window for TS-2026-0001-D1 closed on");
    expect(appeals()).toHaveLength(0);
    expect(room.caseStatus()).toBe("resolved");
  });

  it("opens within six months, and only an independent reviewer may review it", async () => {
    await decidedSuspension();
    room.h.clock.advance(150 * 24 * 60 * 60_000);
    expect((await room.command(USERS.specialist, "appeal D1 New evidence: the tools were returned")).text).toContain(
      "under appeal against TS-2026-0001-D1",
    );
    expect(room.caseStatus()).toBe("appealed");
    expect(room.eventsOf("appeal_opened")).toHaveLength(1);
    expect((await room.command(USERS.specialist, "appeal D1 again")).text).toContain("already has an appeal");

    for (const involved of [USERS.specialist, SPECIALIST_2]) {
      expect((await room.command(involved, "appeal review upheld The facts stand")).text).toContain(
        "someone independent",
      );
    }
    expect(
      (await room.command(USERS.lead, "appeal review upheld The facts stand; the return came after the decision")).text,
    ).toContain("appeal upheld");
    expect(appeals()).toMatchObject([{ outcome: "upheld", reviewer: USERS.lead }]);
    expect(room.caseStatus()).toBe("closed");
  });

  it("overturns through the overturn approval rule and records a reversing decision", async () => {
    await decidedSuspension();
    await room.command(USERS.specialist, "appeal D1 The police report names someone else");
    const reviewed = await room.command(USERS.lead, "appeal review overturned The police report names another person");
    expect(reviewed.text).toContain("P2 proposes the appeal's outcome (overturned)");
    expect(room.proposals()[1]).toMatchObject({
      kind: "overturn",
      rung: "none",
      status: "open",
      proposed_by: USERS.lead,
    });
    await room.h.settle();

    await room.vote(USERS.specialist, "approve", "the report settles it", 2);
    expect(room.decisions()).toHaveLength(1);
    await room.vote(USERS.admin, "approve", "agreed, reverse it", 2);
    expect(room.decisions()).toHaveLength(2);
    const [first, reversal] = room.decisions();
    expect(reversal).toMatchObject({ rung: "none", supersedes_decision_id: first?.id, puid: "TS-2026-0001-D2" });
    const statement = JSON.parse(String(reversal?.statement)) as Record<string, unknown>;
    for (const restriction of ["decision_account", "decision_provision", "decision_visibility", "decision_monetary"]) {
      expect(statement).not.toHaveProperty(restriction);
    }
    expect(appeals()).toMatchObject([{ outcome: "overturned", reviewer: USERS.lead }]);
    expect((await room.command(USERS.observer, "verify")).text).toContain("chain intact");
  });

  it("refuses a modification without a new rung, and facts that name a party", async () => {
    await decidedSuspension();
    await room.command(USERS.specialist, "appeal D1 Too harsh for a first issue");
    expect((await room.command(USERS.lead, "appeal review modified Too harsh")).text).toContain("Name the rung");
    expect((await room.command(USERS.lead, "appeal review overturned pro_9911 did nothing wrong")).text).toContain(
      "leave the parties' names",
    );
    expect(room.proposals()).toHaveLength(1);
  });
});
