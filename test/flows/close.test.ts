import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION, CONSULT_ANSWER_BLOCK } from "../../src/slack/ids.ts";
import { CLOSE_BLOCK, CLOSE_FORM } from "../../src/slack/listeners/caseForms/closeForm.ts";
import { CONSULT_BLOCK, CONSULT_FORM } from "../../src/slack/listeners/caseForms/consultForm.ts";
import { moveCase } from "../support/caseState.ts";
import { clickMessageButton } from "../support/clickMessageButton.ts";
import { dmChannelId } from "../support/dmChannelId.ts";
import { grantRole, type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import type { FieldValue } from "../support/slackDriver.ts";

const LEGAL = "U0LEGAL1";
const LEGAL_GROUP = "S0LEGAL";
const CONSULTANT = "U0CONS01";
const HOUR = 60 * 60_000;
const CASE = "TS-2026-0001";
const ROOM = "ts-2026-0001-theft";
const TITLE = "Tools missing after a visit";
const DESCRIPTION = "Customer says the pro's helper took a drill from the garage.";
const SUMMARY = "Helper returned the drill; pro warned about supervising helpers.";

describe("closing a case", () => {
  let h: Harness;
  let roomId: string;

  beforeEach(async () => {
    h = await startHarness({ env: { WAR_ROOM_ARCHIVE_GRACE_HOURS: "24" } });
    h.fake.addUser({ id: LEGAL, name: "lee" });
    await grantRole(h, LEGAL, "consultant");
    h.fake.addUser({ id: CONSULTANT, name: "cody" });
    await grantRole(h, CONSULTANT, "consultant");
    h.fake.addUsergroup(LEGAL_GROUP, [LEGAL]);
    await h.driver.command({
      text: `team legal <!subteam^${LEGAL_GROUP}|@legal>`,
      userId: USERS.lead,
      channelId: h.triageChannelId,
    });
    await submitIntake(h, intakeValues({ category: "theft", title: TITLE, description: DESCRIPTION }));
    await h.settle();
    roomId = h.fake.channelByName(ROOM)?.id ?? "";
    moveCase(h, CASE, "investigating", USERS.specialist);
    await h.settle();
  });
  afterEach(() => h.close());

  const sql = <T>(query: string, ...params: unknown[]) => h.desk.database.sqlite.prepare(query).all(...params) as T[];
  const caseStatus = () => sql<{ status: string }>("SELECT status FROM cases WHERE human_id = ?", CASE)[0]?.status;
  const eventKinds = () => sql<{ kind: string }>("SELECT kind FROM case_events ORDER BY seq").map((e) => e.kind);
  const summaryTs = () => h.fake.pins(roomId)[0] ?? "";
  const triageTexts = () => h.fake.messages(h.triageChannelId).map((m) => jsonText({ text: m.text, blocks: m.blocks }));

  const clickClose = (userId: string = USERS.specialist) =>
    clickMessageButton(h, { userId, channelId: roomId, messageTs: summaryTs(), actionId: CLOSE_FORM.button.actionId });

  async function requestConsult(): Promise<void> {
    const { viewId } = await clickMessageButton(h, {
      userId: USERS.specialist,
      channelId: roomId,
      messageTs: summaryTs(),
      actionId: CONSULT_FORM.button.actionId,
    });
    const res = await h.driver.submitView({
      viewId: viewId ?? "",
      userId: USERS.specialist,
      values: {
        [CONSULT_BLOCK.team]: "legal",
        [CONSULT_BLOCK.question]: "Is a police report needed before we act?",
        [CONSULT_BLOCK.due]: Math.floor((h.clock.now() + 48 * HOUR) / 1000),
      },
    });
    expect(res.body).toBe("");
    await h.settle();
  }

  async function answerConsult(): Promise<void> {
    const [ping] = h.fake.messages(dmChannelId(h.fake, LEGAL));
    const { viewId } = await clickMessageButton(h, {
      userId: LEGAL,
      channelId: dmChannelId(h.fake, LEGAL),
      messageTs: ping?.ts ?? "",
      actionId: ACTION.answerConsult,
    });
    const res = await h.driver.submitView({
      viewId: viewId ?? "",
      userId: LEGAL,
      values: { [CONSULT_ANSWER_BLOCK.answer]: "No, go ahead." },
    });
    expect(res.body).toBe("");
    await h.settle();
  }

  const closeValues = (overrides: Record<string, FieldValue> = {}): Record<string, FieldValue> => ({
    [CLOSE_BLOCK.outcome]: "action_taken",
    [CLOSE_BLOCK.summary]: SUMMARY,
    ...overrides,
  });

  async function closeThroughForm(): Promise<void> {
    const { viewId, reply } = await clickClose();
    expect(reply).toBe("null");
    const res = await h.driver.submitView({ viewId: viewId ?? "", userId: USERS.specialist, values: closeValues() });
    expect(res.body).toBe("");
    await h.settle();
  }

  it("refuses to close while a consult is open, naming it, and closes once it is answered", async () => {
    await requestConsult();
    const refused = await clickClose();
    expect(refused.viewId).toBeUndefined();
    expect(refused.reply).toContain("the consult to Legal");
    const command = await h.driver.command({ text: "close", userId: USERS.specialist, channelId: roomId });
    expect(jsonText(command.body)).toContain("the consult to Legal");

    await answerConsult();
    const { viewId } = await clickClose();
    expect(h.fake.view(viewId ?? "")?.callback_id).toBe(CLOSE_FORM.callbackId);
    // A consult asked while the form was open: the submission is refused on its field.
    await requestConsult();
    const late = await h.driver.submitView({ viewId: viewId ?? "", userId: USERS.specialist, values: closeValues() });
    expect(late.body).toMatchObject({
      response_action: "errors",
      errors: { summary: expect.stringContaining("Legal") },
    });
    expect(caseStatus()).toBe("waiting_consult");

    await answerSecondConsult();
    await closeThroughForm();
    expect(caseStatus()).toBe("closed");
    expect(eventKinds().slice(-4)).toEqual(["status_changed", "case_resolved", "case_closed", "close_summary_posted"]);
    const [closed] = sql<{ payload: string; actor: string }>(
      "SELECT payload, actor FROM case_events WHERE kind = 'case_closed'",
    );
    expect(JSON.parse(closed?.payload ?? "{}")).toMatchObject({
      outcome: "action_taken",
      summary: SUMMARY,
      status: { from: "resolved", to: "closed" },
    });
    expect(closed?.actor).toBe(USERS.specialist);
  });

  /** The second consult pings the same DM: its newest message carries the Answer button. */
  async function answerSecondConsult(): Promise<void> {
    const ping = h.fake.messages(dmChannelId(h.fake, LEGAL)).at(-1);
    const { viewId } = await clickMessageButton(h, {
      userId: LEGAL,
      channelId: dmChannelId(h.fake, LEGAL),
      messageTs: ping?.ts ?? "",
      actionId: ACTION.answerConsult,
    });
    await h.driver.submitView({
      viewId: viewId ?? "",
      userId: LEGAL,
      values: { [CONSULT_ANSWER_BLOCK.answer]: "Fine." },
    });
    await h.settle();
  }

  it("posts the closing summary to triage without parties, title or description", async () => {
    await closeThroughForm();
    const closing = h.fake.messages(h.triageChannelId).at(-1);
    const posted = jsonText({ text: closing?.text, blocks: closing?.blocks });
    expect(posted).toContain(`Closed: ${CASE}`);
    expect(posted).toContain("SEV2");
    expect(posted).toContain("Theft");
    expect(posted).toContain("Action taken");
    expect(posted).toContain("0 evidence items");
    expect(posted).toContain("0 consults");
    expect(posted).toContain("0 decisions");
    for (const secret of [TITLE, DESCRIPTION, SUMMARY, "cus_48213", "pro_9911", "Dana R.", "Plumbing"]) {
      expect(triageTexts().join("\n")).not.toContain(secret);
    }
    await h.settle();
    expect(h.fake.messages(h.triageChannelId).filter((m) => (m.text ?? "").startsWith("Closed "))).toHaveLength(1);
  });

  it("archives the war room only after the grace period, across a restart", async () => {
    await closeThroughForm();
    expect(h.fake.channel(roomId)?.is_archived).toBe(false);
    h.clock.advance(24 * HOUR - 60_000);
    await h.settle();
    expect(h.fake.channel(roomId)?.is_archived).toBe(false);

    await h.restart();
    h.clock.advance(60_000);
    await h.settle();
    expect(h.fake.channel(roomId)?.is_archived).toBe(true);
    expect(eventKinds().at(-1)).toBe("war_room_archived");
    expect(h.fake.callsTo("conversations.archive")).toHaveLength(1);
  });

  it("treats a room someone already archived as archived", async () => {
    await closeThroughForm();
    await h.desk.deps.slack.conversations.archive({ channel: roomId });
    h.clock.advance(24 * HOUR);
    await h.settle();
    expect(eventKinds().at(-1)).toBe("war_room_archived");
    expect(sql("SELECT * FROM jobs WHERE failed_at IS NOT NULL")).toEqual([]);
  });

  it("leaves the war room open when the case was reopened by an appeal before the job ran", async () => {
    await closeThroughForm();
    moveCase(h, CASE, "appealed", USERS.lead);
    h.clock.advance(25 * HOUR);
    await h.settle();
    expect(h.fake.channel(roomId)?.is_archived).toBe(false);
    expect(eventKinds()).not.toContain("war_room_archived");
  });

  it("records one close when the form is submitted twice", async () => {
    const { viewId } = await clickClose();
    const submit = () => h.driver.submitView({ viewId: viewId ?? "", userId: USERS.specialist, values: closeValues() });
    const [first, second] = await Promise.all([submit(), submit()]);
    expect([first.body, second.body]).toEqual(["", ""]);
    expect(eventKinds().filter((k) => k === "case_closed")).toHaveLength(1);
    expect(sql("SELECT * FROM jobs WHERE kind IN ('case.close_summary', 'war_room.archive')")).toHaveLength(2);
  });

  it.each<[string, Record<string, FieldValue>, string]>([
    ["an empty summary", { [CLOSE_BLOCK.summary]: "  " }, CLOSE_BLOCK.summary],
    ["a summary over 3000 characters", { [CLOSE_BLOCK.summary]: "x".repeat(3001) }, CLOSE_BLOCK.summary],
    ["no outcome", { [CLOSE_BLOCK.outcome]: null }, CLOSE_BLOCK.outcome],
  ])("answers %s with a field error and closes nothing", async (_name, patch, blockId) => {
    const { viewId } = await clickClose();
    const res = await h.driver.submitView({
      viewId: viewId ?? "",
      userId: USERS.specialist,
      values: closeValues(patch),
    });
    expect(Object.keys((res.body as { errors: Record<string, string> }).errors)).toEqual([blockId]);
    expect(caseStatus()).toBe("investigating");
  });

  it("refuses an observer, at the button and the command", async () => {
    const { viewId, reply } = await clickClose(USERS.observer);
    expect(viewId).toBeUndefined();
    expect(reply).toContain("not permitted");
    const command = await h.driver.command({ text: `close ${CASE}`, userId: USERS.observer, channelId: roomId });
    expect(jsonText(command.body)).toContain("not permitted");
    expect(caseStatus()).toBe("investigating");
  });

  it("keeps a closed case findable by status and search, but out of the list", async () => {
    await closeThroughForm();
    const run = async (commandText: string, userId: string = USERS.observer) =>
      jsonText((await h.driver.command({ text: commandText, userId, channelId: h.triageChannelId })).body);
    expect(await run(`status ${CASE}`)).toContain("Closed");
    expect(await run("list")).not.toContain(CASE);
    expect(await run("search tools MISSING")).toContain(CASE);
    expect(await run("search theft")).toContain(CASE);
    expect(await run("search ts-2026-0001")).toContain(CASE);
    expect(await run("search 100%")).toContain("No case matches");
    expect(await run("search _ools")).toContain("No case matches");
    expect(await run("search tools", CONSULTANT)).toContain("not permitted");
  });
});
