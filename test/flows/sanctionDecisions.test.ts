import { describe, expect, it } from "vitest";
import { PROPOSAL_BLOCK } from "../../src/slack/listeners/caseForms/proposalForm.ts";
import { USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { SANCTION_CASE as CASE, FACTS, SPECIALIST_2, useSanctionRoom } from "../support/sanctionRoom.ts";

const room = useSanctionRoom();

describe("the record", () => {
  it("puts every step in the chained timeline, and the chain verifies", async () => {
    await room.propose();
    await room.vote(SPECIALIST_2, "approve");
    await room.vote(USERS.lead, "approve");
    const kinds = room.events().map((e) => e.kind);
    expect(kinds.slice(-4)).toEqual(["sanction_proposed", "vote_cast", "vote_cast", "decision_recorded"]);
    expect(JSON.parse(room.eventsOf("vote_cast")[1]?.payload ?? "")).toMatchObject({
      proposal: "P1",
      choice: "approve",
      outcome: "approved",
    });
    expect(JSON.parse(room.eventsOf("decision_recorded")[0]?.payload ?? "")).toMatchObject({
      puid: `${CASE}-D1`,
      rung: "permanent_removal",
      accountRef: "pro_9911",
      endDate: null,
    });
    const verify = await room.h.driver.command({ text: "verify", userId: USERS.observer, channelId: room.roomId });
    expect(jsonText(verify.body)).toContain("chain intact");
  });

  it("refuses UPDATE and DELETE on decisions and votes", async () => {
    await room.propose({ [PROPOSAL_BLOCK.rung]: "suspension_7d" });
    await room.vote(USERS.lead, "approve");
    for (const statement of [
      "UPDATE decisions SET rung = 'warning'",
      "DELETE FROM decisions",
      "UPDATE sanction_votes SET choice = 'reject'",
      "DELETE FROM sanction_votes",
    ]) {
      expect(() => room.sqlite().prepare(statement).run()).toThrow(/append-only/);
    }
  });

  it("flags a party with two standing strikes in 12 months as a repeat offender", async () => {
    await room.propose({ [PROPOSAL_BLOCK.rung]: "suspension_7d" });
    await room.vote(USERS.lead, "approve");
    expect(jsonText(room.summary()?.blocks)).not.toContain("repeat offender");
    room.moveTo("investigating");
    await room.propose({ [PROPOSAL_BLOCK.rung]: "payout_hold" });
    await room.vote(USERS.lead, "approve", "clear", 2);
    expect(room.decisions()).toHaveLength(2);
    expect(jsonText(room.summary()?.blocks)).toContain("repeat offender: 2 strikes in 12 months");
  });
});

it("exports a removal decided by votes as a statement of reasons without the parties' names", async () => {
  await room.propose();
  await room.vote(SPECIALIST_2, "approve");
  expect(room.decisions()).toHaveLength(0);
  await room.vote(USERS.lead, "approve");
  expect(room.decisions()).toHaveLength(1);

  const exported = await room.h.driver.command({
    text: "export decisions 2026-11-01 2026-11-30",
    userId: USERS.lead,
    channelId: room.roomId,
  });
  expect(jsonText(exported.body)).toContain("Building");
  await room.h.settle();
  expect(room.h.fake.callsTo("files.completeUploadExternal")).toHaveLength(1);
  const shared = (room.h.fake.callsTo("files.completeUploadExternal")[0]?.args.files ?? []) as Array<{ id: string }>;
  const json = shared.map((f) => room.h.fake.fileContent(f.id)?.toString("utf8") ?? "").find((c) => c.startsWith("{"));
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
