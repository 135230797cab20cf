import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION, CALLBACK, CONSULT_BLOCK } from "../../src/slack/ids.ts";
import { clickMessageButton } from "../support/clickMessageButton.ts";
import {
  CONSULT_CASE as CASE,
  ConsultRoom,
  DAY,
  LEGAL_1,
  LEGAL_2,
  PAYMENTS,
  QUESTION,
  seconds,
} from "../support/consultRoom.ts";
import { dmChannelId } from "../support/dmChannelId.ts";
import { type Harness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import type { FieldValue } from "../support/slackDriver.ts";

const room = new ConsultRoom();
const {
  run,
  sql,
  consults,
  caseStatus,
  eventsOf,
  summary,
  roomTexts,
  investigatedCase,
  openConsultModal,
  consultValues,
  requestConsultFromSummary,
} = room;
let h: Harness;
let paymentsChannel: string;

beforeEach(async () => {
  h = await room.open();
  paymentsChannel = room.paymentsChannel;
});
afterEach(room.close);

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
    const command = await h.driver.command({ text: "consult", userId: USERS.observer, channelId: room.roomId });
    expect(jsonText(command.body)).toContain("not permitted");
    expect(consults()).toHaveLength(0);
  });

  it("opens the form from `/incident consult` in the war room, the case implied", async () => {
    await run(USERS.specialist, "consult", room.roomId);
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
    expect(roomTexts()).toContainEqual(expect.stringContaining(`Consult sent to *Payments* in <#${paymentsChannel}>`));
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
