import type { CaseStatus } from "../../src/core/lifecycle.ts";
import { ACTION, VOTE_BLOCK } from "../../src/slack/ids.ts";
import { PROPOSAL_BLOCK, PROPOSAL_FORM } from "../../src/slack/listeners/caseForms/proposalForm.ts";
import { moveCase } from "./caseState.ts";
import { clickMessageButton } from "./clickMessageButton.ts";
import { grantRole, type Harness, startHarness, USERS } from "./harness.ts";
import { intakeValues, submitIntake } from "./intake.ts";
import { jsonText } from "./jsonText.ts";
import type { FieldValue } from "./slackDriver.ts";
import { useFixture } from "./useFixture.ts";

export const SANCTION_CASE = "TS-2026-0001";
export const SANCTION_ROOM = "ts-2026-0001-theft";
/** A second specialist, so a proposal has someone other than its proposer to approve it. */
export const SPECIALIST_2 = "U0SPEC2";
export const LEGAL = "U0LEGAL1";
export const FACTS = "The pro took tools from the customer's garage during a booked job and refused to return them.";

export type FieldErrors = { response_action: "errors"; errors: Record<string, string> };
export type EventRow = { seq: number; kind: string; actor: string; payload: string; prev_hash: string; hash: string };

/**
 * Arrange step shared by the sanction specs: a theft case (SEV2, so it has a war room) under investigation, a
 * second specialist and a Legal consultant. Proposals and votes go through the war room's buttons and modals.
 * Specs get it from `useSanctionRoom()` and call its helpers as `room.x()`.
 */
export class SanctionRoom {
  h!: Harness;
  roomId = "";

  async open(): Promise<Harness> {
    this.h = await startHarness();
    this.h.fake.addUser({ id: SPECIALIST_2, name: "kim" });
    this.h.fake.addUser({ id: LEGAL, name: "lee" });
    await grantRole(this.h, SPECIALIST_2, "specialist");
    await grantRole(this.h, LEGAL, "consultant");
    await submitIntake(this.h, intakeValues({ category: "theft", title: "Tools missing after a visit" }));
    await this.h.settle();
    this.roomId = this.h.fake.channelByName(SANCTION_ROOM)?.id ?? "";
    this.moveTo("investigating");
    await this.h.settle();
    return this.h;
  }

  close = (): Promise<void> => this.h.close();

  /** Drops the room and starts an empty app, for a spec about a case of another category. */
  startAfresh = async (): Promise<Harness> => {
    await this.h.close();
    this.h = await startHarness();
    return this.h;
  };

  sqlite = () => this.h.desk.database.sqlite;
  sql = <T>(query: string, ...params: unknown[]) =>
    this.sqlite()
      .prepare(query)
      .all(...params) as T[];
  events = () => this.sql<EventRow>("SELECT * FROM case_events WHERE case_id = 1 ORDER BY seq");
  eventsOf = (kind: string) => this.events().filter((e) => e.kind === kind);
  proposals = () => this.sql<Record<string, unknown>>("SELECT * FROM sanction_proposals ORDER BY id");
  votes = () => this.sql<Record<string, unknown>>("SELECT * FROM sanction_votes ORDER BY id");
  decisions = () => this.sql<Record<string, unknown>>("SELECT * FROM decisions ORDER BY id");
  caseStatus = () => this.sql<{ status: string }>("SELECT status FROM cases WHERE id = 1")[0]?.status;
  accountId = (ref: string) =>
    String(this.sql<{ id: number }>("SELECT id FROM accounts WHERE account_ref = ?", ref)[0]?.id);
  summary = () => this.h.fake.message(this.roomId, this.h.fake.pins(this.roomId)[0] ?? "");
  proposalMessage = (seq = 1) =>
    this.h.fake.messages(this.roomId).find((m) => m.text?.startsWith(`Sanction proposal P${seq} `));

  moveTo = (status: CaseStatus): void => moveCase(this.h, SANCTION_CASE, status, USERS.lead);

  /** `/incident <text>` in the war room; the ephemeral answer. */
  command = async (userId: string, commandText: string) =>
    (await this.h.driver.command({ text: commandText, userId, channelId: this.roomId })).body as { text: string };

  /** A complete proposal of permanent removal for the respondent; override what a test is about. */
  proposalValues = (overrides: Record<string, FieldValue> = {}): Record<string, FieldValue> => ({
    [PROPOSAL_BLOCK.account]: this.accountId("pro_9911"),
    [PROPOSAL_BLOCK.rung]: "permanent_removal",
    [PROPOSAL_BLOCK.clauses]: ["CG-4.4", "CG-3.2"],
    [PROPOSAL_BLOCK.facts]: FACTS,
    ...overrides,
  });

  openProposalForm = (userId: string = USERS.specialist) =>
    clickMessageButton(this.h, {
      userId,
      channelId: this.roomId,
      messageTs: this.summary()?.ts ?? "",
      actionId: PROPOSAL_FORM.button.actionId,
    });

  propose = async (overrides: Record<string, FieldValue> = {}, userId: string = USERS.specialist) => {
    const { viewId } = await this.openProposalForm(userId);
    const res = await this.h.driver.submitView({
      viewId: viewId ?? "",
      userId,
      values: this.proposalValues(overrides),
    });
    await this.h.settle();
    return { ...res, viewId: viewId ?? "" };
  };

  openVote = (userId: string, seq = 1) =>
    clickMessageButton(this.h, {
      userId,
      channelId: this.roomId,
      messageTs: this.proposalMessage(seq)?.ts ?? "",
      actionId: ACTION.vote,
    });

  vote = async (userId: string, choice: string, rationale = `${choice}: the evidence is clear`, seq = 1) => {
    const { viewId, reply } = await this.openVote(userId, seq);
    if (!viewId) return { reply, viewId };
    const res = await this.h.driver.submitView({
      viewId,
      userId,
      values: { [VOTE_BLOCK.choice]: choice, [VOTE_BLOCK.rationale]: rationale },
    });
    await this.h.settle();
    return { reply: jsonText(res.body), viewId, res };
  };
}

/** A fresh sanction room before each test of the calling spec, closed after it. */
export const useSanctionRoom = (): SanctionRoom => useFixture(new SanctionRoom());
