import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LEFT_OUT_REASON } from "../../src/core/decisionExport.ts";
import { POLICY_CLAUSE_TEXT } from "../../src/core/policyClauses.ts";
import { ACTION, VOTE_BLOCK } from "../../src/slack/ids.ts";
import { PROPOSAL_BLOCK, PROPOSAL_FORM } from "../../src/slack/listeners/caseForms/proposalForm.ts";
import { moveCase } from "../support/caseState.ts";
import { exportProgressMessages } from "../support/decisionExport.ts";
import { checkStatement } from "../support/dsaStatementRules.ts";
import { grantRole, type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

const CASE = "TS-2026-0001";
const SPECIALIST_2 = "U0SPEC2";
const FACTS = "The pro took tools from the customer's garage during a booked job and refused to return them.";
const OCCURRED_AT = Date.UTC(2026, 10, 20, 21, 30);
const ALL_CLAUSES = Object.keys(POLICY_CLAUSE_TEXT);
/** Everyone who may vote, in the order they are asked; the proposer and anyone refused are passed over. */
const VOTERS = [SPECIALIST_2, USERS.specialist, USERS.admin, USERS.lead];
/** Every rung a sanction proposal offers, the 30-day suspension first: it confirms the interim suspension. */
const RUNGS = [
  "suspension_30d",
  "warning",
  "review_removal",
  "lead_pause",
  "payout_hold",
  "badge_removal",
  "suspension_7d",
  "suspension_90d",
  "permanent_removal",
];

type Envelope = {
  statements: Array<{ decision_id: string; rung: string; statement: Record<string, unknown> }>;
  left_out: { reason: string; decisions: Array<{ decision_id: string; rung: string }> };
};

/**
 * One theft case (SEV2, so a lead may suspend in the interim) decided on every rung through the war
 * room with every clause of the catalog picked, then two appeals: one modified, one overturned. The
 * export of all of it must be what the Transparency Database takes: nothing rejected, nothing dropped.
 */
describe("exported statements of reasons, against the Transparency Database's rules", () => {
  let h: Harness;
  let roomId: string;
  let exportReply: string;
  let envelope: Envelope;

  const sql = <T>(query: string, ...params: unknown[]) => h.desk.database.sqlite.prepare(query).all(...params) as T[];
  const proposalStatus = (seq: number) =>
    sql<{ status: string }>("SELECT status FROM sanction_proposals WHERE seq = ?", seq)[0]?.status;
  const command = async (userId: string, text: string) =>
    (await h.driver.command({ text, userId, channelId: roomId })).body as { text: string };

  async function openView(userId: string, messageTs: string, actionId: string): Promise<string | undefined> {
    const before = new Set(h.fake.views().map((v) => v.id));
    const res = await h.driver.clickButton({ userId, channelId: roomId, messageTs, actionId });
    const opened = () => h.fake.views().find((v) => !before.has(v.id))?.id;
    await expect.poll(() => opened() ?? h.fake.responses(res.responseUrl)[0]).toBeDefined();
    return opened();
  }

  async function propose(rung: string): Promise<void> {
    const viewId = await openView(USERS.specialist, h.fake.pins(roomId)[0] ?? "", PROPOSAL_FORM.button.actionId);
    const account = sql<{ id: number }>("SELECT id FROM accounts WHERE account_ref = 'pro_9911'")[0]?.id;
    const res = await h.driver.submitView({
      viewId: viewId ?? "",
      userId: USERS.specialist,
      values: {
        [PROPOSAL_BLOCK.account]: String(account),
        [PROPOSAL_BLOCK.rung]: rung,
        [PROPOSAL_BLOCK.clauses]: ALL_CLAUSES,
        [PROPOSAL_BLOCK.facts]: FACTS,
      },
    });
    expect(res.body).toBe("");
    await h.settle();
  }

  /** Approves proposal P`seq` with as many votes as its approval rule needs. */
  async function approve(seq: number): Promise<void> {
    for (const voter of VOTERS) {
      if (proposalStatus(seq) === "approved") return;
      const message = h.fake.messages(roomId).find((m) => m.text?.startsWith(`Sanction proposal P${seq} `));
      const viewId = await openView(voter, message?.ts ?? "", ACTION.vote);
      if (!viewId) continue;
      const values = { [VOTE_BLOCK.choice]: "approve", [VOTE_BLOCK.rationale]: "approve: the evidence is clear" };
      await h.driver.submitView({ viewId, userId: voter, values });
      await h.settle();
    }
    expect(proposalStatus(seq)).toBe("approved");
  }

  /** Appeals decision `puid`; the review becomes proposal P`seq`, approved. */
  async function appeal(puid: string, review: string, seq: number): Promise<void> {
    moveCase(h, CASE, "resolved", USERS.lead);
    expect((await command(USERS.specialist, `appeal ${puid} The customer found the tools`)).text).toContain(
      "under appeal",
    );
    expect((await command(USERS.lead, `appeal review ${review}`)).text).toContain("proposes the appeal's outcome");
    await h.settle();
    await approve(seq);
  }

  beforeEach(async () => {
    h = await startHarness();
    h.fake.addUser({ id: SPECIALIST_2, name: "kim" });
    await grantRole(h, SPECIALIST_2, "specialist");
    const occurred = { occurred_at: Math.floor(OCCURRED_AT / 1000), severity: "sev2" };
    await submitIntake(h, intakeValues({ category: "theft", title: "Tools missing after a visit", ...occurred }));
    await h.settle();
    roomId = h.fake.channelByName("ts-2026-0001-theft")?.id ?? "";
    moveCase(h, CASE, "investigating", USERS.lead);
    await h.settle();

    expect((await command(USERS.lead, "interim pro_9911 The customer reports threats")).text).toContain("interim");
    for (const [i, rung] of RUNGS.entries()) {
      await propose(rung);
      await approve(i + 1);
    }
    await appeal("D1", "modified suspension_7d Too harsh for a first theft", RUNGS.length + 1);
    await appeal("D5", "overturned The payouts were never at risk", RUNGS.length + 2);

    await h.driver.command({
      text: "export decisions 2026-11-01 2026-11-30",
      userId: USERS.lead,
      channelId: h.triageChannelId,
    });
    await h.settle();
    exportReply = exportProgressMessages(h, h.triageChannelId).at(-1)?.text ?? "";
    expect(h.fake.callsTo("files.completeUploadExternal")).toHaveLength(1);
    const shared = (h.fake.callsTo("files.completeUploadExternal")[0]?.args.files ?? []) as Array<{ id: string }>;
    const files = shared.map((f) => h.fake.fileContent(f.id)?.toString("utf8") ?? "");
    envelope = JSON.parse(files.find((c) => c.startsWith("{")) ?? "{}") as Envelope;
  }, 120_000);
  afterEach(() => h.close());

  it("exports every decision that restricts something as a statement the API keeps whole: every rung, the interim suspension's confirmation, a modification, every clause picked", () => {
    expect(sql<{ rung: string }>("SELECT rung FROM decisions ORDER BY id").map((d) => d.rung)).toEqual([
      ...RUNGS,
      "suspension_7d",
      "none",
    ]);
    expect(sql("SELECT resolution FROM interim_suspensions")).toEqual([{ resolution: "confirmed" }]);

    const restricting = RUNGS.filter((r) => r !== "warning");
    expect(envelope.statements.map((s) => s.rung)).toEqual([...restricting, "suspension_7d"]);
    for (const { decision_id, statement } of envelope.statements) {
      expect({ decision_id, findings: checkStatement(statement) }).toEqual({ decision_id, findings: [] });
      expect(JSON.stringify(statement)).not.toContain("null");
      for (const clause of ALL_CLAUSES) expect(statement.incompatible_content_ground).toContain(clause);
    }
    // The modification: content dated by when the theft happened, the 7-day suspension's end on both restrictions.
    expect(envelope.statements.at(-1)?.statement).toMatchObject({
      content_date: "2026-11-20",
      application_date: "2026-11-25",
      end_date_account_restriction: "2026-12-02",
      end_date_service_restriction: "2026-12-02",
    });
  });

  it("leaves the warning and the overturn out of the statements, counted and explained", () => {
    expect(envelope.left_out).toEqual({
      reason: LEFT_OUT_REASON,
      decisions: [
        expect.objectContaining({ decision_id: `${CASE}-D2`, rung: "warning" }),
        expect.objectContaining({ decision_id: `${CASE}-D11`, rung: "none" }),
      ],
    });
    expect(exportReply).toContain(`9 statements of reasons from 2026-11-01 to 2026-11-30`);
    expect(exportReply).toContain(`2 decisions left out: ${LEFT_OUT_REASON}.`);
  });
});
