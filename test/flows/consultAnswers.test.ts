import { beforeEach, describe, expect, it } from "vitest";
import { ACTION, CONSULT_ANSWER_BLOCK } from "../../src/slack/ids.ts";
import { CONSULT_BLOCK } from "../../src/slack/listeners/caseForms/consultForm.ts";
import { CONSULT_CASE as CASE, LATECOMER, LEGAL_1, LEGAL_2, PAYMENTS, useConsultRoom } from "../support/consultRoom.ts";
import { dmChannelId } from "../support/dmChannelId.ts";
import { grantRole, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";

const room = useConsultRoom();

describe("answering", () => {
  beforeEach(async () => {
    await room.investigatedCase();
    await room.requestConsultFromSummary();
    await room.h.settle();
  });

  it("takes a recipient's answer back to the war room and resumes the case", async () => {
    const status = await room.run(LEGAL_1, `status ${CASE}`);
    expect(status.text).toBe(`${CASE}: Waiting on consult`);
    // A consultant sees what they are asked, not the case's description or parties.
    expect(jsonText(status.blocks)).toContain("Consults sent to you");
    expect(jsonText(status.blocks)).not.toContain("cus_48213");
    expect(jsonText(status.blocks)).not.toContain("threatening");
    // Another open case, consulted on by nobody: the desk's list shows it, the consultant's does not.
    await submitIntake(room.h, intakeValues({ category: "harassment", title: "Threats in chat" }));
    await room.h.settle();
    expect(jsonText((await room.run(USERS.lead, "list")).blocks)).toContain("TS-2026-0002");
    const listed = await room.run(LEGAL_1, "list");
    const list = jsonText(listed.blocks);
    expect(list).toContain(CASE);
    expect(list).not.toContain("TS-2026-0002");
    expect(list).not.toContain("Tools missing");

    const { reply } = await room.answer(LEGAL_1, "Only with a warrant. <@U0LEAD1>");
    expect(reply).toBe('""');
    await room.h.settle();

    expect(room.caseStatus()).toBe("investigating");
    expect(room.consults()[0]).toMatchObject({ status: "answered", answered_by: LEGAL_1, answer: expect.any(String) });
    const answered = room.eventsOf("consult_answered");
    expect(answered).toHaveLength(1);
    expect(answered[0]?.actor).toBe(LEGAL_1);
    expect(JSON.parse(answered[0]?.payload ?? "{}")).toMatchObject({
      status: { from: "waiting_consult", to: "investigating" },
    });
    const note = room.h.fake.messages(room.roomId).find((m) => m.text === "Legal answered the consult");
    expect(jsonText(note?.blocks)).toContain("Only with a warrant. &lt;@U0LEAD1&gt;");
    expect(jsonText(room.summary()?.blocks)).toContain("Investigating");
    expect(jsonText(room.summary()?.blocks)).toContain("answered <!date^");
    for (const userId of [LEGAL_1, LEGAL_2]) {
      const [ping] = room.h.fake.messages(dmChannelId(room.h.fake, userId));
      expect(jsonText(ping?.blocks)).toContain(`Answered by <@${LEGAL_1}>`);
      expect(jsonText(ping?.blocks)).not.toContain(ACTION.answerConsult);
    }
  });

  it("refuses a consultant the evidence list and timeline of the very case they were consulted on", async () => {
    // The permission table gives consultants the consults sent to them, never the case's evidence.
    const evidence = await room.run(LEGAL_1, `evidence list ${CASE}`);
    expect(evidence.text).toContain("not permitted");
    expect(evidence.blocks).toBeUndefined();
    expect((await room.run(LEGAL_1, `timeline ${CASE}`)).text).toContain("not permitted");
    expect((await room.run(USERS.observer, `evidence list ${CASE}`)).text).not.toContain("not permitted");
    expect(jsonText((await room.run(LEGAL_1, `status ${CASE}`)).blocks)).toContain("Consults sent to you");
  });

  it("refuses a consultant who was not sent the consult, and shows them nothing of the case", async () => {
    await room.requestConsultFromSummary({ [CONSULT_BLOCK.team]: "payments" });
    await room.h.settle();
    // Someone who joined the team's channel after the ping sees the button, but was not asked.
    room.h.fake.addUser({ id: LATECOMER, name: "lane" });
    await grantRole(room.h, LATECOMER, "consultant");
    room.h.fake.addMember(room.paymentsChannel, LATECOMER);
    const { viewId, reply } = await room.clickAnswer(LATECOMER, room.paymentsChannel);
    expect(viewId).toBeUndefined();
    expect(reply).toContain("not permitted");
    const existing = await room.run(LATECOMER, `status ${CASE}`);
    expect(existing.text).toContain("not permitted");
    expect((await room.run(LATECOMER, "status TS-2026-0999")).text).toBe(existing.text);
    expect((await room.run(LATECOMER, "list")).text).toBe("No open cases. :tada:");
    expect(room.sql("SELECT status FROM consults")).toEqual([{ status: "open" }, { status: "open" }]);
  });

  it("refuses a consultant the consults of a case that were sent to another team", async () => {
    await room.requestConsultFromSummary({ [CONSULT_BLOCK.team]: "payments" });
    await room.h.settle();
    room.h.fake.addMember(room.paymentsChannel, LEGAL_1);
    const { viewId, reply } = await room.clickAnswer(LEGAL_1, room.paymentsChannel);
    expect(viewId).toBeUndefined();
    expect(reply).toContain("not permitted");

    await room.run(LEGAL_1, `consult list ${CASE}`);
    await expect.poll(() => room.h.fake.views().some((v) => v.user === LEGAL_1)).toBe(true);
    const list = jsonText(room.h.fake.views().find((v) => v.user === LEGAL_1)?.blocks);
    expect(list).toContain("Legal");
    expect(list).not.toContain("Payments");
  });

  it("refuses a second answer, whether from the button or from a form opened before the first", async () => {
    const early = await room.clickAnswer(LEGAL_2);
    await room.answer(LEGAL_1, "Only with a warrant.");
    const late = await room.h.driver.submitView({
      viewId: early.viewId ?? "",
      userId: LEGAL_2,
      values: { [CONSULT_ANSWER_BLOCK.answer]: "Yes, go ahead." },
    });
    expect(late.body).toMatchObject({
      response_action: "errors",
      errors: { [CONSULT_ANSWER_BLOCK.answer]: "This consult has already been answered." },
    });
    const again = await room.answer(LEGAL_1, "Still only with a warrant.");
    expect(again.reply).toContain("already been answered");
    expect(room.eventsOf("consult_answered")).toHaveLength(1);
    expect(room.consults()[0]).toMatchObject({ answered_by: LEGAL_1, answer: "Only with a warrant." });
  });

  it("keeps the case waiting until its last open consult is answered", async () => {
    await room.requestConsultFromSummary({ [CONSULT_BLOCK.team]: "payments" });
    await room.h.settle();
    await room.answer(LEGAL_1, "Only with a warrant.");
    expect(room.caseStatus()).toBe("waiting_consult");
    await room.answer(PAYMENTS, "No refund is due.", room.paymentsChannel);
    expect(room.caseStatus()).toBe("investigating");
  });

  it("lists who owes what on the case", async () => {
    await room.requestConsultFromSummary({ [CONSULT_BLOCK.team]: "payments" });
    await room.h.settle();
    await room.answer(LEGAL_1, "Only with a warrant.");
    await room.run(USERS.specialist, "consult list", room.roomId);
    await expect.poll(() => room.h.fake.views().some((v) => jsonText(v.title).includes("Consults"))).toBe(true);
    const list = jsonText(room.h.fake.views().find((v) => jsonText(v.title).includes("Consults"))?.blocks);
    expect(list).toContain(`Answered by <@${LEGAL_1}>`);
    expect(list).toContain(`owed by <@${PAYMENTS}>`);
  });
});
