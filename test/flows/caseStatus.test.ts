import { describe, expect, it } from "vitest";
import { STATUS_BLOCK, STATUS_FORM } from "../../src/slack/listeners/caseForms/statusForm.ts";
import { consultTeam } from "../support/consults.ts";
import { grantRole, USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import {
  SEV1_CASE as CASE,
  CONSULTANT,
  expectChained,
  type FieldErrors,
  useSev1WarRoom,
} from "../support/sev1WarRoom.ts";

const room = useSev1WarRoom();

describe("change status", () => {
  it("moves the case from the summary button: one chained event, and the pinned summary and topic follow", async () => {
    const before = room.events();
    const viewId = await room.openByButton(USERS.specialist, STATUS_FORM.button.actionId, STATUS_FORM.callbackId);
    expect(room.optionValues(viewId, STATUS_BLOCK.status)).toEqual(["triage", "investigating"]);

    const res = await room.submit(viewId, USERS.specialist, {
      status: "investigating",
      note: "Reporter reached by phone",
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
    const after = room.events();
    expect(after).toHaveLength(before.length + 1);
    expectChained(after);
    expect(after.at(-1)).toMatchObject({ kind: "status_changed", actor: USERS.specialist });
    expect(JSON.parse(after.at(-1)?.payload ?? "")).toEqual({
      note: "Reporter reached by phone",
      status: { from: "new", to: "investigating" },
    });
    expect(room.sqlite().prepare("SELECT status FROM cases").pluck().get()).toBe("investigating");

    await room.h.settle();
    expect(jsonText(room.pinnedSummary()?.blocks)).toContain("Investigating");
    expect(room.h.fake.channel(room.roomId)?.topic.value).toBe("TS-2026-0001 · SEV1 · Physical safety · Investigating");
  });

  it("offers only the moves the lifecycle allows, never merged or waiting on a consult", async () => {
    await room.submit(await room.openByCommand(USERS.specialist, "move", STATUS_FORM.callbackId), USERS.specialist, {
      status: "investigating",
    });
    const viewId = await room.openByCommand(USERS.lead, `move ${CASE}`, STATUS_FORM.callbackId);
    expect(room.optionValues(viewId, STATUS_BLOCK.status)).toEqual([
      "waiting_reporter",
      "waiting_respondent",
      "decision",
    ]);
    await room.submit(viewId, USERS.lead, { status: "waiting_reporter" });
    await room.h.settle();
    expect(room.h.fake.channel(room.roomId)?.topic.value).toContain("Waiting on reporter");
    expect(room.events().filter((e) => e.kind === "status_changed")).toHaveLength(2);
  });

  it("sets the topic again only when the status moves, not on every change", async () => {
    await room.h.settle();
    const topicCalls = () => room.h.fake.callsTo("conversations.setTopic").length;
    const before = topicCalls();
    await room.run(USERS.specialist, `assign <@${USERS.lead}|dana>`);
    await room.h.settle();
    expect(jsonText(room.pinnedSummary()?.blocks)).toContain(`<@${USERS.lead}>`);
    expect(topicCalls()).toBe(before);
    await room.submit(await room.openByCommand(USERS.specialist, "move", STATUS_FORM.callbackId), USERS.specialist, {
      status: "investigating",
    });
    await room.h.settle();
    expect(topicCalls()).toBe(before + 1);
  });

  it("answers a status that is no longer allowed with a field error and records nothing", async () => {
    const stale = await room.openByCommand(USERS.specialist, "move", STATUS_FORM.callbackId);
    const fresh = await room.openByCommand(USERS.lead, "move", STATUS_FORM.callbackId);
    await room.submit(fresh, USERS.lead, { status: "investigating" });
    const before = room.events();

    const res = await room.submit(stale, USERS.specialist, { status: "triage" });
    expect(res.body).toMatchObject({ response_action: "errors" });
    const errors = (res.body as FieldErrors).errors;
    expect(Object.keys(errors)).toEqual([STATUS_BLOCK.status]);
    expect(errors[STATUS_BLOCK.status]).toBe(
      "TS-2026-0001 is investigating now and cannot move to in triage. Pick another status.",
    );
    expect(room.events()).toEqual(before);
  });

  it("answers the status the case already has with a field error", async () => {
    const stale = await room.openByCommand(USERS.specialist, "move", STATUS_FORM.callbackId);
    await room.submit(await room.openByCommand(USERS.lead, "move", STATUS_FORM.callbackId), USERS.lead, {
      status: "investigating",
    });
    const res = await room.submit(stale, USERS.specialist, { status: "investigating" });
    expect((res.body as FieldErrors).errors).toEqual({ status: "TS-2026-0001 is already investigating." });
  });

  it("answers a note over 1,000 characters with a field error on the note", async () => {
    const viewId = await room.openByCommand(USERS.specialist, "move", STATUS_FORM.callbackId);
    const before = room.events();
    const res = await room.submit(viewId, USERS.specialist, { status: "investigating", note: "x".repeat(1001) });
    expect((res.body as FieldErrors).errors).toEqual({ note: "Keep the note to 1000 characters or fewer." });
    expect(room.events()).toEqual(before);
  });

  it("refuses an observer, from the button and from the command", async () => {
    expect(await room.buttonRefusal(USERS.observer, STATUS_FORM.button.actionId)).toContain("not permitted");
    const reply = await room.commandRefusal(USERS.observer, "move");
    expect(reply).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("not permitted") });
    expect(room.newestView(STATUS_FORM.callbackId, USERS.observer)).toBeUndefined();
  });

  it("refuses a consultant, even on a case they were consulted on", async () => {
    expect(await room.buttonRefusal(CONSULTANT, STATUS_FORM.button.actionId)).toContain("not permitted");
    await consultTeam(room.h, { caseId: 1, members: [CONSULTANT] });
    expect((await room.commandRefusal(CONSULTANT, `move ${CASE}`, room.h.triageChannelId)).text).toContain(
      "not permitted",
    );
  });

  it("does not record a change submitted after the submitter's role was removed", async () => {
    const viewId = await room.openByCommand(USERS.specialist, "move", STATUS_FORM.callbackId);
    await grantRole(room.h, USERS.specialist, "observer");
    const before = room.events();
    const res = await room.submit(viewId, USERS.specialist, { status: "investigating" });
    expect(jsonText(res.body)).toContain("not permitted");
    expect(room.events()).toEqual(before);
  });
});
