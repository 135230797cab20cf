import { describe, expect, it, vi } from "vitest";
import { STATUS_FORM } from "../../src/slack/listeners/caseForms/statusForm.ts";
import { consultTeam } from "../support/consults.ts";
import { USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { SEV1_CASE as CASE, CONSULTANT, useSev1WarRoom } from "../support/sev1WarRoom.ts";

const room = useSev1WarRoom();

describe("timeline", () => {
  /** Alternating owners: each assignment is one event. */
  async function addEvents(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await room.run(USERS.lead, `assign <@${i % 2 === 0 ? USERS.lead : USERS.specialist}>`);
    }
  }

  it("shows the last n events with number, kind, actor, time and short hash", async () => {
    await addEvents(2);
    const all = room.events();
    const { reply } = await room.run(USERS.observer, `timeline ${CASE} 2`, room.h.triageChannelId);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toBe(`TS-2026-0001: the last 2 of ${all.length} events`);
    const lines = (reply.blocks ?? []).slice(1, -1).map((b) => (b as { text: { text: string } }).text.text);
    expect(lines).toHaveLength(2);
    const last = all.at(-1);
    expect(lines[1]).toContain(`*#${last?.seq}* · \`owner_assigned\` · <@${USERS.lead}> · <!date^`);
    expect(lines[1]).toContain(`\`${last?.hash.slice(0, 10)}\``);
    expect(lines[1]).not.toContain(last?.hash.slice(0, 11));
  });

  it("shows 15 events by default and at most 40, within Slack's 50 blocks", async () => {
    await addEvents(40);
    const byDefault = (await room.run(USERS.specialist, "timeline")).reply;
    expect(byDefault.blocks).toHaveLength(15 + 2);
    const most = (await room.run(USERS.specialist, "timeline 500")).reply;
    expect(most.blocks).toHaveLength(40 + 2);
    expect(jsonText(most.blocks)).toContain(`*#${room.events().length}*`);
  });

  it("refuses a count below 1 and stray words", async () => {
    expect((await room.run(USERS.specialist, "timeline 0")).reply.text).toContain("Ask for 1 to 40 events");
    expect((await room.run(USERS.specialist, `timeline ${CASE} many`)).reply.text).toContain("Usage:");
  });

  it("refuses the timeline to a consultant, even on a case they were consulted on", async () => {
    expect((await room.run(CONSULTANT, `timeline ${CASE}`, room.h.triageChannelId)).reply.text).toContain(
      "not permitted",
    );
    await consultTeam(room.h, { caseId: 1, members: [CONSULTANT] });
    expect((await room.run(CONSULTANT, `timeline ${CASE}`, room.h.triageChannelId)).reply.text).toContain(
      "not permitted",
    );
  });
});

describe("verify", () => {
  it("reports an intact chain, records nothing, then names the first event edited behind the app's back", async () => {
    await room.run(USERS.specialist, `assign <@${USERS.lead}>`);
    const before = room.events();
    const intact = (await room.run(USERS.observer, `verify ${CASE}`, room.h.triageChannelId)).reply;
    expect(intact).toMatchObject({
      response_type: "ephemeral",
      text: `:white_check_mark: TS-2026-0001: chain intact: ${before.length} events, last hash \`${before.at(-1)?.hash}\`.`,
    });
    expect(room.events()).toEqual(before);

    const warn = vi.spyOn(room.h.desk.deps.log, "warn");
    room.sqlite().exec("DROP TRIGGER case_events_no_update");
    room.sqlite().prepare("UPDATE case_events SET actor = 'U0FORGED' WHERE case_id = 1 AND seq = 2").run();
    room.sqlite().prepare("UPDATE case_events SET payload = '{}' WHERE case_id = 1 AND seq = 4").run();
    const broken = (await room.run(USERS.specialist, "verify")).reply;
    expect(broken.text).toContain(":rotating_light: TS-2026-0001: chain broken at event #2: hash does not match.");
    expect(warn).toHaveBeenCalledWith(
      { caseId: CASE, seq: 2, reason: "hash does not match" },
      "case record chain broken",
    );
    expect(room.events()).toHaveLength(before.length);
  });

  it("refuses a consultant, consulted or not", async () => {
    expect((await room.run(CONSULTANT, `verify ${CASE}`, room.h.triageChannelId)).reply.text).toContain(
      "not permitted",
    );
    await consultTeam(room.h, { caseId: 1, members: [CONSULTANT] });
    expect((await room.run(CONSULTANT, `verify ${CASE}`, room.h.triageChannelId)).reply.text).toContain(
      "not permitted",
    );
  });
});

describe("account history", () => {
  it("shows each party's prior cases and their outcomes on the intake confirmation", async () => {
    await room.submit(await room.openByCommand(USERS.specialist, "move", STATUS_FORM.callbackId), USERS.specialist, {
      status: "investigating",
    });
    const { body } = await submitIntake(room.h, intakeValues({ respondent: "pro_7777", respondent_name: "Other Pro" }));
    // The modal the submitter sees once the case is recorded.
    const history = jsonText((body as { view?: { blocks?: unknown } }).view?.blocks);
    expect(history).toContain(
      "*Reporter:* Dana R. (customer `cus_48213`) · 1 prior: TS-2026-0001 Physical safety (investigating)",
    );
    expect(history).toContain("*Respondent:* Other Pro (pro `pro_7777`) · no prior cases");
  });
});
