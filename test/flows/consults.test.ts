import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION, CALLBACK, CONSULT_BLOCK } from "../../src/slack/ids.ts";
import { moveCase } from "../support/caseState.ts";
import { clickMessageButton } from "../support/clickMessageButton.ts";
import { dmChannelId } from "../support/dmChannelId.ts";
import { grantRole, type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import type { FieldValue } from "../support/slackDriver.ts";

type Reply = { response_type: string; text: string; blocks?: unknown[] };

const LEGAL_1 = "U0LEGAL1";
const LEGAL_2 = "U0LEGAL2";
const PAYMENTS = "U0PAYS01";
const LATECOMER = "U0PAYS02";
const LEGAL_GROUP = "S0LEGAL";
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const CASE = "TS-2026-0001";
const QUESTION = "May we share the pro's licence number with the police? <!channel>";

describe("consults", () => {
  let h: Harness;
  let roomId: string;
  let paymentsChannel: string;

  beforeEach(async () => {
    h = await startHarness();
    for (const [id, name] of [
      [LEGAL_1, "lee"],
      [LEGAL_2, "lou"],
      [PAYMENTS, "pat"],
    ] as const) {
      h.fake.addUser({ id, name });
      await grantRole(h, id, "consultant");
    }
    h.fake.addUsergroup(LEGAL_GROUP, [LEGAL_1, LEGAL_2]);
    paymentsChannel = h.fake.addChannel({ name: "payments-ops", members: [h.fake.botUserId, PAYMENTS] });
    await lead(`team legal <!subteam^${LEGAL_GROUP}|@legal>`);
    await lead(`team payments <#${paymentsChannel}|payments-ops>`);
  });
  afterEach(() => h.close());

  const run = async (userId: string, command: string, channelId = h.triageChannelId) =>
    (await h.driver.command({ text: command, userId, channelId })).body as Reply;
  const lead = (command: string) => run(USERS.lead, command);
  const sql = <T>(query: string, ...params: unknown[]) => h.desk.database.sqlite.prepare(query).all(...params) as T[];
  const consults = () => sql<Record<string, unknown>>("SELECT * FROM consults ORDER BY id");
  const caseStatus = () => sql<{ status: string }>("SELECT status FROM cases WHERE human_id = ?", CASE)[0]?.status;
  const eventsOf = (kind: string) =>
    sql<{ actor: string; payload: string }>("SELECT actor, payload FROM case_events WHERE kind = ? ORDER BY seq", kind);
  const summary = () => h.fake.message(roomId, h.fake.pins(roomId)[0] ?? "");
  const roomTexts = () => h.fake.messages(roomId).map((m) => m.text);
  const seconds = (ms: number) => Math.floor(ms / 1000);

  /** A SEV2 case with its war room, being investigated. */
  async function investigatedCase(): Promise<void> {
    await submitIntake(h, intakeValues({ category: "theft", title: "Tools missing after a visit" }));
    await h.settle();
    roomId = h.fake.channelByName("ts-2026-0001-theft")?.id ?? "";
    moveCase(h, CASE, "investigating", USERS.specialist);
    await h.settle();
  }

  async function openConsultModal(userId: string = USERS.specialist) {
    return clickMessageButton(h, {
      userId,
      channelId: roomId,
      messageTs: summary()?.ts ?? "",
      actionId: ACTION.requestConsult,
    });
  }

  const consultValues = (overrides: Record<string, FieldValue> = {}): Record<string, FieldValue> => ({
    [CONSULT_BLOCK.team]: "legal",
    [CONSULT_BLOCK.question]: QUESTION,
    [CONSULT_BLOCK.due]: seconds(h.clock.now() + 2 * DAY),
    ...overrides,
  });

  async function requestConsultFromSummary(overrides: Record<string, FieldValue> = {}) {
    const { viewId } = await openConsultModal();
    const res = await h.driver.submitView({
      viewId: viewId ?? "",
      userId: USERS.specialist,
      values: consultValues(overrides),
    });
    expect(res.body).toBe("");
    return viewId ?? "";
  }

  /** Clicks Answer on the first message (the ping) of a DM or the team's channel. */
  function clickAnswer(userId: string, channelId = dmChannelId(h.fake, userId)) {
    const [ping] = h.fake.messages(channelId);
    return clickMessageButton(h, { userId, channelId, messageTs: ping?.ts ?? "", actionId: ACTION.answerConsult });
  }

  async function answer(userId: string, answerText: string, channelId = dmChannelId(h.fake, userId)) {
    const { viewId, reply } = await clickAnswer(userId, channelId);
    if (!viewId) return { reply };
    const res = await h.driver.submitView({ viewId, userId, values: { [CONSULT_BLOCK.answer]: answerText } });
    return { reply: jsonText(res.body) };
  }

  describe("asking", () => {
    beforeEach(investigatedCase);

    it("records a consult from the summary's button and moves the case to waiting on it", async () => {
      const { viewId } = await openConsultModal();
      const view = h.fake.view(viewId ?? "");
      expect(view?.callback_id).toBe(CALLBACK.consult);
      expect(jsonText(view?.blocks)).toContain("Payments");
      const due = h.clock.now() + 2 * DAY;
      // A double click: both submissions carry the same view.
      const submit = () =>
        h.driver.submitView({ viewId: viewId ?? "", userId: USERS.specialist, values: consultValues() });
      const [first, second] = await Promise.all([submit(), submit()]);
      expect([first.body, second.body]).toEqual(["", ""]);

      expect(consults()).toEqual([
        expect.objectContaining({
          status: "open",
          question: QUESTION,
          due_at: due,
          requested_by: USERS.specialist,
          resume_status: "investigating",
        }),
      ]);
      expect(caseStatus()).toBe("waiting_consult");
      const requested = eventsOf("consult_requested");
      expect(requested).toHaveLength(1);
      expect(JSON.parse(requested[0]?.payload ?? "{}")).toMatchObject({
        team: "legal",
        question: QUESTION,
        dueAt: due,
        status: { from: "investigating", to: "waiting_consult" },
      });
      const jobs = sql<{ idempotency_key: string; run_at: number }>(
        "SELECT idempotency_key, run_at FROM jobs WHERE kind LIKE 'consult.%' ORDER BY id",
      );
      expect(jobs).toEqual([
        { idempotency_key: "consult.ping:1", run_at: h.clock.now() },
        { idempotency_key: "consult.remind:1:1", run_at: due },
      ]);
      await h.settle();
      expect(jsonText(summary()?.blocks)).toContain("Waiting on consult");
    });

    it.each<[string, Record<string, FieldValue>, string]>([
      ["an empty question", { [CONSULT_BLOCK.question]: "   " }, CONSULT_BLOCK.question],
      ["a due time in the past", { [CONSULT_BLOCK.due]: seconds(Date.UTC(2026, 10, 25, 17)) }, CONSULT_BLOCK.due],
      ["a due time 31 days ahead", { [CONSULT_BLOCK.due]: seconds(Date.UTC(2026, 11, 26, 18, 1)) }, CONSULT_BLOCK.due],
      ["a team with no Slack target", { [CONSULT_BLOCK.team]: "product" }, CONSULT_BLOCK.team],
    ])("answers %s with a field error on its block and records nothing", async (_name, patch, blockId) => {
      const { viewId } = await openConsultModal();
      const res = await h.driver.submitView({
        viewId: viewId ?? "",
        userId: USERS.specialist,
        values: consultValues(patch),
      });
      expect(res.body).toMatchObject({ response_action: "errors" });
      expect(Object.keys((res.body as { errors: Record<string, string> }).errors)).toEqual([blockId]);
      expect(consults()).toHaveLength(0);
      expect(caseStatus()).toBe("investigating");
    });

    it("tells the submitter how a lead can reach a team that has no Slack target", async () => {
      const { viewId } = await openConsultModal();
      const res = await h.driver.submitView({
        viewId: viewId ?? "",
        userId: USERS.specialist,
        values: consultValues({ [CONSULT_BLOCK.team]: "product" }),
      });
      expect(jsonText(res.body)).toContain("/incident team product");
    });

    it("refuses an observer the consult form", async () => {
      const { viewId, reply } = await openConsultModal(USERS.observer);
      expect(viewId).toBeUndefined();
      expect(reply).toContain("not permitted");
      const command = await h.driver.command({ text: "consult", userId: USERS.observer, channelId: roomId });
      expect(jsonText(command.body)).toContain("not permitted");
      expect(consults()).toHaveLength(0);
    });

    it("opens the form from `/incident consult` in the war room, the case implied", async () => {
      await run(USERS.specialist, "consult", roomId);
      await expect.poll(() => h.fake.views().filter((v) => v.callback_id === CALLBACK.consult)).toHaveLength(1);
      const view = h.fake.views().find((v) => v.callback_id === CALLBACK.consult);
      expect(JSON.parse(view?.private_metadata ?? "{}")).toEqual({ caseId: 1 });
    });
  });

  describe("pinging the team", () => {
    beforeEach(investigatedCase);

    it("DMs each member of the team's user group, with no more of the case than the question", async () => {
      await requestConsultFromSummary();
      await h.settle();

      const recipients = sql<{ user_id: string }>("SELECT user_id FROM consult_recipients ORDER BY user_id");
      expect(recipients.map((r) => r.user_id)).toEqual([LEGAL_1, LEGAL_2]);
      for (const userId of [LEGAL_1, LEGAL_2]) {
        const [ping] = h.fake.messages(dmChannelId(h.fake, userId));
        const shown = jsonText(ping?.blocks);
        for (const part of [CASE, "SEV2", "Theft", "&lt;!channel&gt;", "<!date^", ACTION.answerConsult]) {
          expect(shown).toContain(part);
        }
        for (const secret of ["Tools missing", "cus_48213", "pro_9911", "threatening"]) {
          expect(shown).not.toContain(secret);
        }
      }
      expect(consults()[0]).toMatchObject({
        ping_channel_id: dmChannelId(h.fake, LEGAL_1),
        ping_ts: expect.any(String),
      });
      expect(roomTexts()).toContainEqual(
        expect.stringContaining("Consult sent to *Legal* to 2 people by DM, due <!date^"),
      );
      expect(eventsOf("consult_sent")).toHaveLength(1);
    });

    it("posts to the team's channel and counts its members as recipients", async () => {
      await requestConsultFromSummary({ [CONSULT_BLOCK.team]: "payments" });
      await h.settle();
      const [ping] = h.fake.messages(paymentsChannel);
      expect(jsonText(ping?.blocks)).toContain("&lt;!channel&gt;");
      expect(consults()[0]).toMatchObject({ ping_channel_id: paymentsChannel, ping_ts: ping?.ts });
      expect(sql("SELECT user_id FROM consult_recipients")).toEqual([{ user_id: PAYMENTS }]);
      expect(roomTexts()).toContainEqual(
        expect.stringContaining(`Consult sent to *Payments* in <#${paymentsChannel}>`),
      );
    });

    it("sends the note to the triage thread of a case without a war room", async () => {
      await submitIntake(h, intakeValues({ title: "Second case" }));
      await h.settle();
      const post = h.fake.messages(h.triageChannelId).at(-1);
      const { viewId } = await clickMessageButton(h, {
        userId: USERS.specialist,
        channelId: h.triageChannelId,
        messageTs: post?.ts ?? "",
        actionId: ACTION.requestConsult,
      });
      await h.driver.submitView({ viewId: viewId ?? "", userId: USERS.specialist, values: consultValues() });
      await h.settle();
      const [note] = h.fake.messages(h.triageChannelId, { threadTs: post?.ts ?? "" });
      expect(note?.text).toContain("Consult sent to *Legal*");
      // A new case cannot wait on a consult yet: it keeps its status.
      expect(sql("SELECT status FROM cases WHERE human_id = 'TS-2026-0002'")).toEqual([{ status: "new" }]);
    });
  });

  describe("answering", () => {
    beforeEach(async () => {
      await investigatedCase();
      await requestConsultFromSummary();
      await h.settle();
    });

    it("takes a recipient's answer back to the war room and resumes the case", async () => {
      const status = await run(LEGAL_1, `status ${CASE}`);
      expect(status.text).toBe(`${CASE}: Waiting on consult`);
      // A consultant sees what they are asked, not the case's description or parties.
      expect(jsonText(status.blocks)).toContain("Consults sent to you");
      expect(jsonText(status.blocks)).not.toContain("cus_48213");
      expect(jsonText(status.blocks)).not.toContain("threatening");
      const list = jsonText((await run(LEGAL_1, "list")).blocks);
      expect(list).toContain(CASE);
      expect(list).not.toContain("Tools missing");

      const { reply } = await answer(LEGAL_1, "Only with a warrant. <@U0LEAD1>");
      expect(reply).toBe('""');
      await h.settle();

      expect(caseStatus()).toBe("investigating");
      expect(consults()[0]).toMatchObject({ status: "answered", answered_by: LEGAL_1, answer: expect.any(String) });
      const answered = eventsOf("consult_answered");
      expect(answered).toHaveLength(1);
      expect(answered[0]?.actor).toBe(LEGAL_1);
      expect(JSON.parse(answered[0]?.payload ?? "{}")).toMatchObject({
        status: { from: "waiting_consult", to: "investigating" },
      });
      const note = h.fake.messages(roomId).find((m) => m.text === "Legal answered the consult");
      expect(jsonText(note?.blocks)).toContain("Only with a warrant. &lt;@U0LEAD1&gt;");
      expect(jsonText(summary()?.blocks)).toContain("Investigating");
      expect(jsonText(summary()?.blocks)).toContain("answered <!date^");
      for (const userId of [LEGAL_1, LEGAL_2]) {
        const [ping] = h.fake.messages(dmChannelId(h.fake, userId));
        expect(jsonText(ping?.blocks)).toContain(`Answered by <@${LEGAL_1}>`);
        expect(jsonText(ping?.blocks)).not.toContain(ACTION.answerConsult);
      }
    });

    it("refuses a consultant the evidence list and timeline of the very case they were consulted on", async () => {
      // The permission table gives consultants the consults sent to them, never the case's evidence.
      const evidence = await run(LEGAL_1, `evidence list ${CASE}`);
      expect(evidence.text).toContain("not permitted");
      expect(evidence.blocks).toBeUndefined();
      expect((await run(LEGAL_1, `timeline ${CASE}`)).text).toContain("not permitted");
      expect((await run(USERS.observer, `evidence list ${CASE}`)).text).not.toContain("not permitted");
      expect(jsonText((await run(LEGAL_1, `status ${CASE}`)).blocks)).toContain("Consults sent to you");
    });

    it("refuses a consultant who was not sent the consult, and shows them nothing of the case", async () => {
      await requestConsultFromSummary({ [CONSULT_BLOCK.team]: "payments" });
      await h.settle();
      // Someone who joined the team's channel after the ping sees the button, but was not asked.
      h.fake.addUser({ id: LATECOMER, name: "lane" });
      await grantRole(h, LATECOMER, "consultant");
      h.fake.addMember(paymentsChannel, LATECOMER);
      const { viewId, reply } = await clickAnswer(LATECOMER, paymentsChannel);
      expect(viewId).toBeUndefined();
      expect(reply).toContain("not permitted");
      const existing = await run(LATECOMER, `status ${CASE}`);
      expect(existing.text).toContain("not permitted");
      expect((await run(LATECOMER, "status TS-2026-0999")).text).toBe(existing.text);
      expect((await run(LATECOMER, "list")).text).toBe("No open cases. :tada:");
      expect(sql("SELECT status FROM consults")).toEqual([{ status: "open" }, { status: "open" }]);
    });

    it("refuses a consultant the consults of a case that were sent to another team", async () => {
      await requestConsultFromSummary({ [CONSULT_BLOCK.team]: "payments" });
      await h.settle();
      h.fake.addMember(paymentsChannel, LEGAL_1);
      const { viewId, reply } = await clickAnswer(LEGAL_1, paymentsChannel);
      expect(viewId).toBeUndefined();
      expect(reply).toContain("not permitted");

      await run(LEGAL_1, `consult list ${CASE}`);
      await expect.poll(() => h.fake.views().some((v) => v.user === LEGAL_1)).toBe(true);
      const list = jsonText(h.fake.views().find((v) => v.user === LEGAL_1)?.blocks);
      expect(list).toContain("Legal");
      expect(list).not.toContain("Payments");
    });

    it("refuses a second answer, whether from the button or from a form opened before the first", async () => {
      const early = await clickAnswer(LEGAL_2);
      await answer(LEGAL_1, "Only with a warrant.");
      const late = await h.driver.submitView({
        viewId: early.viewId ?? "",
        userId: LEGAL_2,
        values: { [CONSULT_BLOCK.answer]: "Yes, go ahead." },
      });
      expect(late.body).toMatchObject({
        response_action: "errors",
        errors: { [CONSULT_BLOCK.answer]: "This consult has already been answered." },
      });
      const again = await answer(LEGAL_1, "Still only with a warrant.");
      expect(again.reply).toContain("already been answered");
      expect(eventsOf("consult_answered")).toHaveLength(1);
      expect(consults()[0]).toMatchObject({ answered_by: LEGAL_1, answer: "Only with a warrant." });
    });

    it("keeps the case waiting until its last open consult is answered", async () => {
      await requestConsultFromSummary({ [CONSULT_BLOCK.team]: "payments" });
      await h.settle();
      await answer(LEGAL_1, "Only with a warrant.");
      expect(caseStatus()).toBe("waiting_consult");
      await answer(PAYMENTS, "No refund is due.", paymentsChannel);
      expect(caseStatus()).toBe("investigating");
    });

    it("lists who owes what on the case", async () => {
      await requestConsultFromSummary({ [CONSULT_BLOCK.team]: "payments" });
      await h.settle();
      await answer(LEGAL_1, "Only with a warrant.");
      await run(USERS.specialist, "consult list", roomId);
      await expect.poll(() => h.fake.views().some((v) => jsonText(v.title).includes("Consults"))).toBe(true);
      const list = jsonText(h.fake.views().find((v) => jsonText(v.title).includes("Consults"))?.blocks);
      expect(list).toContain(`Answered by <@${LEGAL_1}>`);
      expect(list).toContain(`owed by <@${PAYMENTS}>`);
    });
  });

  describe("when an answer is overdue", () => {
    let due: number;
    beforeEach(async () => {
      await investigatedCase();
      due = h.clock.now() + 2 * HOUR;
      await requestConsultFromSummary({ [CONSULT_BLOCK.due]: seconds(due) });
      await h.settle();
    });

    const reminders = () => h.fake.messages(dmChannelId(h.fake, LEGAL_1)).filter((m) => m.text.startsWith("Reminder"));
    const roomReminders = () => roomTexts().filter((t) => t.includes(":alarm_clock:"));
    const advanceTo = async (at: number) => {
      h.clock.set(at);
      await h.settle();
    };

    it("reminds the team and the requester once at the due time, then every 24 h until answered", async () => {
      await advanceTo(due - 1000);
      expect(reminders()).toHaveLength(0);
      await advanceTo(due + 1000);
      expect(reminders()).toHaveLength(1);
      expect(h.fake.messages(dmChannelId(h.fake, LEGAL_2)).filter((m) => m.text.startsWith("Reminder"))).toHaveLength(
        1,
      );
      expect(roomReminders()).toEqual([expect.stringContaining(`<@${USERS.specialist}> the consult to *Legal*`)]);
      expect(jsonText(summary()?.blocks)).toContain("overdue");
      await advanceTo(due + DAY - 1000);
      expect(reminders()).toHaveLength(1);
      await advanceTo(due + DAY + 1000);
      expect(reminders()).toHaveLength(2);
      expect(roomReminders()).toHaveLength(2);

      await answer(LEGAL_1, "Only with a warrant.");
      await advanceTo(due + 3 * DAY);
      expect(reminders()).toHaveLength(2);
      expect(roomReminders()).toHaveLength(2);
    });

    it("sends no reminder for a consult answered in time", async () => {
      await answer(LEGAL_2, "Only with a warrant.");
      await advanceTo(due + 2 * DAY);
      expect(reminders()).toHaveLength(0);
      expect(roomReminders()).toHaveLength(0);
    });

    it("still reminds after a restart", async () => {
      await h.restart();
      await advanceTo(due + 1000);
      expect(reminders()).toHaveLength(1);
      expect(roomReminders()).toHaveLength(1);
    });
  });

  describe("/incident team", () => {
    it("lists the teams and where their consults go", async () => {
      const reply = await run(USERS.specialist, "team");
      expect(reply.text).toContain(`*Legal* (\`legal\`): <!subteam^${LEGAL_GROUP}>`);
      expect(reply.text).toContain(`*Payments* (\`payments\`): <#${paymentsChannel}>`);
      expect(reply.text).toContain("*Product* (`product`): no Slack target yet");
    });

    it("lets a lead add a team, named after its key", async () => {
      const channel = h.fake.addChannel({ name: "trust-ops", members: [h.fake.botUserId] });
      expect((await lead(`team trust-ops <#${channel}|trust-ops>`)).text).toBe(
        `New team *Trust-ops* (\`trust-ops\`): consults now go to <#${channel}>.`,
      );
      expect(
        sql("SELECT name, slack_channel_id, slack_usergroup_id FROM consult_teams WHERE key = 'trust-ops'"),
      ).toEqual([{ name: "Trust-ops", slack_channel_id: channel, slack_usergroup_id: null }]);
    });

    it.each([
      ["team legal", "Usage: `/incident team"],
      ["team legal nowhere", "Usage: `/incident team"],
      ["team x <#C0AB|x>", "2 to 20 lowercase letters"],
      ["team legal_team <#C0AB|x>", "2 to 20 lowercase letters"],
    ])("explains what is wrong with `%s`", async (command, message) => {
      expect((await lead(command)).text).toContain(message);
    });

    it("refuses to let a specialist point a team anywhere", async () => {
      expect((await run(USERS.specialist, `team legal <#${paymentsChannel}|x>`)).text).toContain("not permitted");
      expect(sql("SELECT slack_usergroup_id FROM consult_teams WHERE key = 'legal'")).toEqual([
        { slack_usergroup_id: LEGAL_GROUP },
      ]);
    });
  });
});
