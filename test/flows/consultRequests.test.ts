import { beforeEach, describe, expect, it } from "vitest";
import { ACTION } from "../../src/slack/ids.ts";
import { CONSULT_BLOCK, CONSULT_FORM } from "../../src/slack/listeners/caseForms/consultForm.ts";
import { clickMessageButton } from "../support/clickMessageButton.ts";
import {
  CONSULT_CASE as CASE,
  DAY,
  LEGAL_1,
  LEGAL_2,
  PAYMENTS,
  QUESTION,
  seconds,
  useConsultRoom,
} from "../support/consultRoom.ts";
import { dmChannelId } from "../support/dmChannelId.ts";
import { USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import type { FieldValue } from "../support/slackDriver.ts";

const room = useConsultRoom();

describe("asking", () => {
  beforeEach(room.investigatedCase);

  it("records a consult from the summary's button and moves the case to waiting on it", async () => {
    const { viewId } = await room.openConsultModal();
    const view = room.h.fake.view(viewId ?? "");
    expect(view?.callback_id).toBe(CONSULT_FORM.callbackId);
    expect(jsonText(view?.blocks)).toContain("Payments");
    const due = room.h.clock.now() + 2 * DAY;
    // A double click: both submissions carry the same view.
    const submit = () =>
      room.h.driver.submitView({ viewId: viewId ?? "", userId: USERS.specialist, values: room.consultValues() });
    const [first, second] = await Promise.all([submit(), submit()]);
    expect([first.body, second.body]).toEqual(["", ""]);

    expect(room.consults()).toEqual([
      expect.objectContaining({
        status: "open",
        question: QUESTION,
        due_at: due,
        requested_by: USERS.specialist,
        resume_status: "investigating",
      }),
    ]);
    expect(room.caseStatus()).toBe("waiting_consult");
    const requested = room.eventsOf("consult_requested");
    expect(requested).toHaveLength(1);
    expect(JSON.parse(requested[0]?.payload ?? "{}")).toMatchObject({
      team: "legal",
      question: QUESTION,
      dueAt: due,
      status: { from: "investigating", to: "waiting_consult" },
    });
    const jobs = room.sql<{ idempotency_key: string; run_at: number }>(
      "SELECT idempotency_key, run_at FROM jobs WHERE kind LIKE 'consult.%' ORDER BY id",
    );
    expect(jobs).toEqual([
      { idempotency_key: "consult.ping:1", run_at: room.h.clock.now() },
      { idempotency_key: "consult.remind:1:1", run_at: due },
    ]);
    await room.h.settle();
    expect(jsonText(room.summary()?.blocks)).toContain("Waiting on consult");
  });

  it.each<[string, Record<string, FieldValue>, string]>([
    ["an empty question", { [CONSULT_BLOCK.question]: "   " }, CONSULT_BLOCK.question],
    ["a due time in the past", { [CONSULT_BLOCK.due]: seconds(Date.UTC(2026, 10, 25, 17)) }, CONSULT_BLOCK.due],
    ["a due time 31 days ahead", { [CONSULT_BLOCK.due]: seconds(Date.UTC(2026, 11, 26, 18, 1)) }, CONSULT_BLOCK.due],
    ["a team with no Slack target", { [CONSULT_BLOCK.team]: "product" }, CONSULT_BLOCK.team],
  ])("answers %s with a field error on its block and records nothing", async (_name, patch, blockId) => {
    const { viewId } = await room.openConsultModal();
    const res = await room.h.driver.submitView({
      viewId: viewId ?? "",
      userId: USERS.specialist,
      values: room.consultValues(patch),
    });
    expect(res.body).toMatchObject({ response_action: "errors" });
    expect(Object.keys((res.body as { errors: Record<string, string> }).errors)).toEqual([blockId]);
    expect(room.consults()).toHaveLength(0);
    expect(room.caseStatus()).toBe("investigating");
  });

  it("tells the submitter how a lead can reach a team that has no Slack target", async () => {
    const { viewId } = await room.openConsultModal();
    const res = await room.h.driver.submitView({
      viewId: viewId ?? "",
      userId: USERS.specialist,
      values: room.consultValues({ [CONSULT_BLOCK.team]: "product" }),
    });
    expect(jsonText(res.body)).toContain("/incident team product");
  });

  it("refuses an observer the consult form", async () => {
    const { viewId, reply } = await room.openConsultModal(USERS.observer);
    expect(viewId).toBeUndefined();
    expect(reply).toContain("not permitted");
    const command = await room.h.driver.command({ text: "consult", userId: USERS.observer, channelId: room.roomId });
    expect(jsonText(command.body)).toContain("not permitted");
    expect(room.consults()).toHaveLength(0);
  });

  it("opens the form from `/incident consult` in the war room, the case implied", async () => {
    await room.run(USERS.specialist, "consult", room.roomId);
    await expect
      .poll(() => room.h.fake.views().filter((v) => v.callback_id === CONSULT_FORM.callbackId))
      .toHaveLength(1);
    const view = room.h.fake.views().find((v) => v.callback_id === CONSULT_FORM.callbackId);
    expect(JSON.parse(view?.private_metadata ?? "{}")).toEqual({ caseId: 1 });
  });
});

describe("pinging the team", () => {
  beforeEach(room.investigatedCase);

  it("DMs each member of the team's user group, with no more of the case than the question", async () => {
    await room.requestConsultFromSummary();
    await room.h.settle();

    const recipients = room.sql<{ user_id: string }>("SELECT user_id FROM consult_recipients ORDER BY user_id");
    expect(recipients.map((r) => r.user_id)).toEqual([LEGAL_1, LEGAL_2]);
    for (const userId of [LEGAL_1, LEGAL_2]) {
      const [ping] = room.h.fake.messages(dmChannelId(room.h.fake, userId));
      const shown = jsonText(ping?.blocks);
      for (const part of [CASE, "SEV2", "Theft", "&lt;!channel&gt;", "<!date^", ACTION.answerConsult]) {
        expect(shown).toContain(part);
      }
      for (const secret of ["Tools missing", "cus_48213", "pro_9911", "threatening"]) {
        expect(shown).not.toContain(secret);
      }
    }
    expect(room.consults()[0]).toMatchObject({
      ping_channel_id: dmChannelId(room.h.fake, LEGAL_1),
      ping_ts: expect.any(String),
    });
    expect(room.roomTexts()).toContainEqual(
      expect.stringContaining("Consult sent to *Legal* to 2 people by DM, due <!date^"),
    );
    expect(room.eventsOf("consult_sent")).toHaveLength(1);
  });

  it("posts to the team's channel and counts its members as recipients", async () => {
    await room.requestConsultFromSummary({ [CONSULT_BLOCK.team]: "payments" });
    await room.h.settle();
    const [ping] = room.h.fake.messages(room.paymentsChannel);
    expect(jsonText(ping?.blocks)).toContain("&lt;!channel&gt;");
    expect(room.consults()[0]).toMatchObject({ ping_channel_id: room.paymentsChannel, ping_ts: ping?.ts });
    expect(room.sql("SELECT user_id FROM consult_recipients")).toEqual([{ user_id: PAYMENTS }]);
    expect(room.roomTexts()).toContainEqual(
      expect.stringContaining(`Consult sent to *Payments* in <#${room.paymentsChannel}>`),
    );
  });

  it("sends the note to the triage thread of a case without a war room", async () => {
    await submitIntake(room.h, intakeValues({ title: "Second case" }));
    await room.h.settle();
    const post = room.h.fake.messages(room.h.triageChannelId).at(-1);
    const { viewId } = await clickMessageButton(room.h, {
      userId: USERS.specialist,
      channelId: room.h.triageChannelId,
      messageTs: post?.ts ?? "",
      actionId: CONSULT_FORM.button.actionId,
    });
    await room.h.driver.submitView({ viewId: viewId ?? "", userId: USERS.specialist, values: room.consultValues() });
    await room.h.settle();
    const [note] = room.h.fake.messages(room.h.triageChannelId, { threadTs: post?.ts ?? "" });
    expect(note?.text).toContain("Consult sent to *Legal*");
    // A new case cannot wait on a consult yet: it keeps its status.
    expect(room.sql("SELECT status FROM cases WHERE human_id = 'TS-2026-0002'")).toEqual([{ status: "new" }]);
  });
});
