import { expect } from "vitest";
import { ACTION, CONSULT_ANSWER_BLOCK } from "../../src/slack/ids.ts";
import { CONSULT_BLOCK, CONSULT_FORM } from "../../src/slack/listeners/caseForms/consultForm.ts";
import { moveCase } from "./caseState.ts";
import { clickMessageButton } from "./clickMessageButton.ts";
import { dmChannelId } from "./dmChannelId.ts";
import { grantRole, type Harness, startHarness, USERS } from "./harness.ts";
import { intakeValues, submitIntake } from "./intake.ts";
import { jsonText } from "./jsonText.ts";
import type { FieldValue } from "./slackDriver.ts";
import { useFixture } from "./useFixture.ts";

export const LEGAL_1 = "U0LEGAL1";
export const LEGAL_2 = "U0LEGAL2";
export const PAYMENTS = "U0PAYS01";
/** A consultant who joins the payments channel after a consult was sent there. */
export const LATECOMER = "U0PAYS02";
export const LEGAL_GROUP = "S0LEGAL";
export const HOUR = 60 * 60_000;
export const DAY = 24 * HOUR;
export const CONSULT_CASE = "TS-2026-0001";
export const QUESTION = "May we share the pro's licence number with the police? <!channel>";

export type Reply = { response_type: string; text: string; blocks?: unknown[] };

/** A datepicker-and-time value as Slack sends it: whole seconds. */
export const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * Arrange step shared by the consult specs: Legal (a user group of two) and Payments (a channel) set up by a lead
 * through `/incident team`; `investigatedCase()` adds a SEV2 case with its war room. Specs get it from
 * `useConsultRoom()` and call its helpers as `room.x()`.
 */
export class ConsultRoom {
  h!: Harness;
  roomId = "";
  paymentsChannel = "";

  async open(): Promise<Harness> {
    this.h = await startHarness();
    for (const [id, name] of [
      [LEGAL_1, "lee"],
      [LEGAL_2, "lou"],
      [PAYMENTS, "pat"],
    ] as const) {
      this.h.fake.addUser({ id, name });
      await grantRole(this.h, id, "consultant");
    }
    this.h.fake.addUsergroup(LEGAL_GROUP, [LEGAL_1, LEGAL_2]);
    this.paymentsChannel = this.h.fake.addChannel({ name: "payments-ops", members: [this.h.fake.botUserId, PAYMENTS] });
    await this.lead(`team legal <!subteam^${LEGAL_GROUP}|@legal>`);
    await this.lead(`team payments <#${this.paymentsChannel}|payments-ops>`);
    return this.h;
  }

  close = (): Promise<void> => this.h.close();

  run = async (userId: string, command: string, channelId = this.h.triageChannelId) =>
    (await this.h.driver.command({ text: command, userId, channelId })).body as Reply;
  lead = (command: string) => this.run(USERS.lead, command);
  sql = <T>(query: string, ...params: unknown[]) => this.h.desk.database.sqlite.prepare(query).all(...params) as T[];
  consults = () => this.sql<Record<string, unknown>>("SELECT * FROM consults ORDER BY id");
  caseStatus = () =>
    this.sql<{ status: string }>("SELECT status FROM cases WHERE human_id = ?", CONSULT_CASE)[0]?.status;
  eventsOf = (kind: string) =>
    this.sql<{ actor: string; payload: string }>(
      "SELECT actor, payload FROM case_events WHERE kind = ? ORDER BY seq",
      kind,
    );
  summary = () => this.h.fake.message(this.roomId, this.h.fake.pins(this.roomId)[0] ?? "");
  roomTexts = () => this.h.fake.messages(this.roomId).map((m) => m.text);

  /** A SEV2 case with its war room, being investigated. */
  investigatedCase = async (): Promise<void> => {
    await submitIntake(this.h, intakeValues({ category: "theft", title: "Tools missing after a visit" }));
    await this.h.settle();
    this.roomId = this.h.fake.channelByName("ts-2026-0001-theft")?.id ?? "";
    moveCase(this.h, CONSULT_CASE, "investigating", USERS.specialist);
    await this.h.settle();
  };

  openConsultModal = (userId: string = USERS.specialist) =>
    clickMessageButton(this.h, {
      userId,
      channelId: this.roomId,
      messageTs: this.summary()?.ts ?? "",
      actionId: CONSULT_FORM.button.actionId,
    });

  /** A complete consult to Legal, due in two days; override what a test is about. */
  consultValues = (overrides: Record<string, FieldValue> = {}): Record<string, FieldValue> => ({
    [CONSULT_BLOCK.team]: "legal",
    [CONSULT_BLOCK.question]: QUESTION,
    [CONSULT_BLOCK.due]: seconds(this.h.clock.now() + 2 * DAY),
    ...overrides,
  });

  requestConsultFromSummary = async (overrides: Record<string, FieldValue> = {}) => {
    const { viewId } = await this.openConsultModal();
    const res = await this.h.driver.submitView({
      viewId: viewId ?? "",
      userId: USERS.specialist,
      values: this.consultValues(overrides),
    });
    expect(res.body).toBe("");
    return viewId ?? "";
  };

  /** Clicks Answer on the first message (the ping) of a DM or the team's channel. */
  clickAnswer = (userId: string, channelId = dmChannelId(this.h.fake, userId)) => {
    const [ping] = this.h.fake.messages(channelId);
    return clickMessageButton(this.h, {
      userId,
      channelId,
      messageTs: ping?.ts ?? "",
      actionId: ACTION.answerConsult,
    });
  };

  answer = async (userId: string, answerText: string, channelId = dmChannelId(this.h.fake, userId)) => {
    const { viewId, reply } = await this.clickAnswer(userId, channelId);
    if (!viewId) return { reply };
    const res = await this.h.driver.submitView({
      viewId,
      userId,
      values: { [CONSULT_ANSWER_BLOCK.answer]: answerText },
    });
    return { reply: jsonText(res.body) };
  };
}

/** Fresh consult teams before each test of the calling spec, closed after it. */
export const useConsultRoom = (): ConsultRoom => useFixture(new ConsultRoom());
