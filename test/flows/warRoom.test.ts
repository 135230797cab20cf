import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION } from "../../src/slack/ids.ts";
import { moveCase } from "../support/caseState.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { caseRows, intakeValues, submitIntake } from "../support/intake.ts";

const SEV1 = intakeValues({ category: "physical-safety", title: "Customer reports pro was violent on site" });

function blocksText(blocks: unknown): string {
  return JSON.stringify(blocks ?? []);
}

describe("war rooms", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it("gives a SEV1 case a private channel with members, topic, pinned summary and a triage pointer", async () => {
    await submitIntake(h, SEV1);
    await h.settle();

    const room = h.fake.channelByName("ts-2026-0001-physical-safety");
    expect(room).toMatchObject({ is_private: true, topic: { value: expect.stringContaining("TS-2026-0001 · SEV1") } });
    const roomId = room?.id ?? "";
    expect(h.fake.members(roomId)).toEqual(expect.arrayContaining([h.fake.botUserId, USERS.specialist, USERS.admin]));

    const [summary] = h.fake.messages(roomId);
    expect(h.fake.pins(roomId)).toEqual([summary?.ts]);
    expect(blocksText(summary?.blocks)).toContain("Customer reports pro was violent on site");
    expect(blocksText(summary?.blocks)).toContain("cus_48213");

    // With nobody on call the SEV1 page goes to the escalation channel, which defaults to triage.
    const triage = h.fake.messages(h.triageChannelId);
    const pagePosts = triage.filter((m) => blocksText(m.blocks).includes(ACTION.ackPage));
    expect(pagePosts).toHaveLength(1);
    const [pointer, ...others] = triage.filter((m) => !pagePosts.includes(m));
    expect(others).toEqual([]);
    expect(blocksText(pointer?.blocks)).toContain(`<#${roomId}>`);
    expect(blocksText(pointer?.blocks)).not.toContain("violent");
    expect(blocksText(pointer?.blocks)).not.toContain("cus_48213");

    expect(caseRows(h)[0]).toMatchObject({ channel_id: roomId, summary_ts: summary?.ts, triage_ts: pointer?.ts });
    const kinds = h.desk.database.sqlite.prepare("SELECT kind FROM case_events ORDER BY seq").pluck().all();
    expect(kinds).toEqual(
      expect.arrayContaining(["case_opened", "war_room_created", "member_invited", "announced_in_triage"]),
    );
  });

  it("keeps a SEV3 case in a triage thread until someone opens its war room", async () => {
    await submitIntake(h, intakeValues());
    await h.settle();
    expect(h.fake.channels().filter((c) => c.name.startsWith("ts-2026"))).toHaveLength(0);
    const [post] = h.fake.messages(h.triageChannelId);
    expect(blocksText(post?.blocks)).toContain(ACTION.openWarRoom);
    expect(blocksText(post?.blocks)).toContain("Pro sent threatening messages");

    const click = await h.driver.clickButton({
      userId: USERS.lead,
      channelId: h.triageChannelId,
      messageTs: post?.ts ?? "",
      actionId: ACTION.openWarRoom,
    });
    expect(click.status).toBe(200);
    await h.settle();

    const room = h.fake.channelByName("ts-2026-0001-harassment");
    expect(room?.is_private).toBe(true);
    expect(h.fake.members(room?.id ?? "")).toEqual(expect.arrayContaining([USERS.specialist, USERS.lead, USERS.admin]));
    const updated = h.fake.message(h.triageChannelId, post?.ts ?? "");
    expect(blocksText(updated?.blocks)).toContain(`<#${room?.id}>`);
    expect(blocksText(updated?.blocks)).not.toContain(ACTION.openWarRoom);
  });

  it("opens one war room when the button is clicked twice", async () => {
    await submitIntake(h, intakeValues());
    await h.settle();
    const [post] = h.fake.messages(h.triageChannelId);
    const click = {
      userId: USERS.lead,
      channelId: h.triageChannelId,
      messageTs: post?.ts ?? "",
      actionId: ACTION.openWarRoom,
    };
    await h.driver.clickButton(click);
    await h.driver.clickButton(click);
    await h.settle();
    expect(h.fake.callsTo("conversations.create")).toHaveLength(1);
  });

  it("waits out two 429s with Retry-After, then creates the war room", async () => {
    h.fake.inject("conversations.create", { status: 429, retryAfter: 30, times: 2 });
    await submitIntake(h, SEV1);
    const submittedAt = h.clock.now();
    await h.settle();
    expect(h.fake.callsTo("conversations.create").map((c) => c.status)).toEqual([429, 429, 200]);
    expect(h.fake.channelByName("ts-2026-0001-physical-safety")).toBeDefined();
    // settle() moves the clock only as far as Slack asked: two waits of 30 s, not one retry sooner.
    expect(h.clock.now() - submittedAt).toBe(60_000);
  });

  it("retries after Slack answers HTTP 500", async () => {
    h.fake.inject("chat.postMessage", { status: 500 });
    await submitIntake(h, intakeValues());
    await h.settle();
    expect(h.fake.messages(h.triageChannelId)).toHaveLength(0);
    h.clock.advance(1_000);
    await h.settle();
    expect(h.fake.messages(h.triageChannelId)).toHaveLength(1);
  });

  it("adds a suffix when the channel name is taken", async () => {
    h.fake.addChannel({ name: "ts-2026-0001-physical-safety", is_private: false });
    await submitIntake(h, SEV1);
    await h.settle();
    expect(caseRows(h)[0]?.channel_name).toBe("ts-2026-0001-physical-safety-2");
    expect(h.fake.channelByName("ts-2026-0001-physical-safety-2")?.is_private).toBe(true);
  });

  it("edits the pinned summary once for a burst of changes, showing the last", async () => {
    await submitIntake(h, SEV1);
    await h.settle();
    const roomId = h.fake.channelByName("ts-2026-0001-physical-safety")?.id ?? "";
    const summaryTs = h.fake.pins(roomId)[0] ?? "";
    const editsOfSummary = () => h.fake.callsTo("chat.update").filter((c) => c.args.ts === summaryTs).length;
    const before = editsOfSummary();
    moveCase(h, "TS-2026-0001", "triage", USERS.specialist);
    moveCase(h, "TS-2026-0001", "investigating", USERS.specialist);
    moveCase(h, "TS-2026-0001", "waiting_reporter", USERS.specialist);
    await h.settle();
    expect(editsOfSummary() - before).toBe(1);
    expect(blocksText(h.fake.message(roomId, summaryTs)?.blocks)).toContain("Waiting on reporter");
  });

  it("shows a change made while the triage post was on its way to Slack", async () => {
    h.fake.inject("chat.postMessage", { delayMs: 2_000 });
    await submitIntake(h, intakeValues());
    // The announcement renders the case as its job starts, then waits for Slack's answer.
    const settling = h.settle();
    expect(h.fake.messages(h.triageChannelId)).toEqual([]);
    await h.driver.command({
      text: `assign <@${USERS.lead}|dana> TS-2026-0001`,
      userId: USERS.specialist,
      channelId: h.triageChannelId,
    });
    // Another worker takes the assignment's refresh while the post is still out: it finds no post to edit.
    await h.settle();
    await settling;
    await h.settle();
    const [post] = h.fake.messages(h.triageChannelId);
    expect(blocksText(post?.blocks)).toContain(`*Owner*\\n<@${USERS.lead}>`);
  });

  it("records a permanent Slack error on the case and shows it in the summary", async () => {
    h.fake.inject("conversations.invite", { error: "cant_invite", times: Number.POSITIVE_INFINITY });
    await submitIntake(h, SEV1);
    await h.settle();
    const roomId = h.fake.channelByName("ts-2026-0001-physical-safety")?.id ?? "";
    const failed = h.desk.database.sqlite
      .prepare("SELECT kind, last_error FROM jobs WHERE failed_at IS NOT NULL")
      .all();
    expect(failed).toEqual(expect.arrayContaining([{ kind: "war_room.invite", last_error: "cant_invite" }]));
    const events = h.desk.database.sqlite
      .prepare("SELECT kind FROM case_events WHERE kind = 'slack_effect_failed'")
      .all();
    expect(events.length).toBeGreaterThan(0);
    const [summary] = h.fake.messages(roomId);
    expect(blocksText(summary?.blocks)).toContain("cant_invite");
  });

  it("keeps the triage post in step when the bot must first join a public triage channel", async () => {
    const publicTriage = h.fake.addChannel({ name: "ts-triage-public", is_private: false, members: [USERS.lead] });
    const other = await startHarness({ fake: h.fake, clock: h.clock, env: { TRIAGE_CHANNEL_ID: publicTriage } });
    try {
      await submitIntake(other, intakeValues());
      await other.settle();
      expect(h.fake.members(publicTriage)).toContain(h.fake.botUserId);
      expect(h.fake.messages(publicTriage)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it("tells the opener by DM when a SEV3 case could not be posted to triage", async () => {
    h.fake.inject("chat.postMessage", { error: "channel_not_found" });
    await submitIntake(h, intakeValues());
    await h.settle();
    expect(h.fake.messages(h.triageChannelId)).toHaveLength(0);
    const dm = h.fake.callsTo("chat.postMessage").find((c) => c.args.channel === USERS.specialist);
    expect(dm?.ok).toBe(true);
    expect(String(dm?.args.text)).toContain("Slack refused announcing the case in triage: `channel_not_found`");
    expect(String(dm?.args.text)).not.toContain("threatening");
  });

  it("does not DM the opener when the war room's summary shows the failure", async () => {
    h.fake.inject("conversations.invite", { error: "cant_invite", times: Number.POSITIVE_INFINITY });
    await submitIntake(h, SEV1);
    await h.settle();
    expect(h.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === USERS.specialist)).toHaveLength(0);
  });

  it("keeps a sensitive category's war room private when WAR_ROOM_PRIVATE=false, and opens a non-sensitive SEV1 one", async () => {
    const publicRooms = await startHarness({ fake: h.fake, clock: h.clock, env: { WAR_ROOM_PRIVATE: "false" } });
    try {
      await submitIntake(
        publicRooms,
        intakeValues({ category: "sexual-misconduct", title: "Unwanted advances on a job" }),
      );
      await submitIntake(
        publicRooms,
        intakeValues({ category: "theft", severity: "sev1", title: "Cash taken on site" }),
      );
      await publicRooms.settle();
    } finally {
      await publicRooms.close();
    }
    const asked = h.fake.callsTo("conversations.create").map((c) => [c.args.name, String(c.args.is_private)]);
    // The SEV1 theft case's room is asked for first: jobs run most severe case first.
    expect(asked).toEqual([
      ["ts-2026-0002-theft", "false"],
      ["ts-2026-0001-sexual-misconduct", "true"],
    ]);
    expect(h.fake.channelByName("ts-2026-0001-sexual-misconduct")?.is_private).toBe(true);
    expect(h.fake.channelByName("ts-2026-0002-theft")?.is_private).toBe(false);
  });
});
