import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION } from "../../src/slack/ids.ts";
import { grantRole, type Harness, startHarness, USERS } from "../support/harness.ts";
import { caseRows, intakeValues, submitIntake } from "../support/intake.ts";

type Reply = { response_type: string; text: string; blocks?: unknown[] };
const STRANGER = "U0STRANGER";
const CONSULTANT = "U0LEGAL1";

describe("roles and permissions", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.fake.addUser({ id: STRANGER, name: "stranger" });
    h.fake.addUser({ id: CONSULTANT, name: "legal" });
  });
  afterEach(() => h.close());

  const run = async (userId: string, text: string) =>
    (await h.driver.command({ text, userId, channelId: h.triageChannelId })).body as Reply;

  it("refuses everything to someone without a role, opening no form", async () => {
    const opened = h.fake.callsTo("views.open").length;
    const res = await h.driver.command({ text: "", userId: STRANGER, channelId: h.triageChannelId });
    // The intake command is acknowledged at once; the refusal follows through response_url.
    await expect.poll(() => h.fake.responses(res.responseUrl).length).toBe(1);
    expect(h.fake.responses(res.responseUrl)[0]?.body).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringContaining("not permitted"),
    });
    expect(h.fake.callsTo("views.open")).toHaveLength(opened);
    expect((await run(STRANGER, "list")).text).toContain("not permitted");
  });

  it("lets an observer read cases but not open one or a war room", async () => {
    await submitIntake(h, intakeValues());
    await h.settle();
    expect(JSON.stringify((await run(USERS.observer, "list")).blocks)).toContain("TS-2026-0001");
    expect((await run(USERS.observer, "status TS-2026-0001")).text).toBe("TS-2026-0001: New");
    const intake = await h.driver.command({ text: "", userId: USERS.observer, channelId: h.triageChannelId });
    await expect.poll(() => JSON.stringify(h.fake.responses(intake.responseUrl)[0]?.body)).toContain("not permitted");

    const [post] = h.fake.messages(h.triageChannelId);
    const click = await h.driver.clickButton({
      userId: USERS.observer,
      channelId: h.triageChannelId,
      messageTs: post?.ts ?? "",
      actionId: ACTION.openWarRoom,
    });
    await expect.poll(() => h.fake.responses(click.responseUrl).length).toBe(1);
    expect(JSON.stringify(h.fake.responses(click.responseUrl)[0]?.body)).toContain("not permitted");
    await h.settle();
    expect(h.fake.callsTo("conversations.create")).toHaveLength(0);
  });

  it("answers a consultant the same for a case they were not consulted on and one that does not exist", async () => {
    await submitIntake(h, intakeValues());
    await grantRole(h, CONSULTANT, "consultant");
    const existing = await run(CONSULTANT, "status TS-2026-0001");
    const missing = await run(CONSULTANT, "status TS-2026-0999");
    expect(existing.text).toContain("not permitted");
    expect(missing.text).toBe(existing.text);
    const list = await run(CONSULTANT, "list");
    expect(list.text).toBe("No open cases. :tada:");
  });

  it("lets a lead manage roles, but only an admin make an admin", async () => {
    expect((await run(USERS.lead, `role <@${STRANGER}|stranger> specialist`)).text).toBe(
      `<@${STRANGER}> is now specialist.`,
    );
    expect((await run(USERS.lead, `role <@${STRANGER}|stranger> admin`)).text).toContain("not permitted");
    expect((await run(USERS.specialist, `role <@${STRANGER}|stranger> lead`)).text).toContain("not permitted");
    expect((await run(USERS.admin, `role <@${STRANGER}|stranger> admin`)).text).toBe(
      `<@${STRANGER}> is now admin (was specialist).`,
    );
    expect((await run(USERS.lead, `role <@${STRANGER}|stranger> none`)).text).toContain("not permitted");
  });

  it("refuses to give the bot itself a role, so it can never be put on call", async () => {
    const reply = await run(USERS.admin, `role <@${h.fake.botUserId}|bot> specialist`);
    expect(reply).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringContaining("Incident Desk itself cannot have a role"),
    });
    expect(h.desk.database.sqlite.prepare("SELECT * FROM user_roles WHERE user_id = ?").all(h.fake.botUserId)).toEqual(
      [],
    );
  });

  it("records every role change in an append-only log", async () => {
    await run(USERS.lead, `role <@${STRANGER}|stranger> observer`);
    await run(USERS.lead, `role <@${STRANGER}|stranger> none`);
    const changes = h.desk.database.sqlite
      .prepare("SELECT role, previous_role, changed_by FROM role_changes WHERE user_id = ? ORDER BY id")
      .all(STRANGER);
    expect(changes).toEqual([
      { role: "observer", previous_role: null, changed_by: USERS.lead },
      { role: null, previous_role: "observer", changed_by: USERS.lead },
    ]);
    expect(() => h.desk.database.sqlite.prepare("DELETE FROM role_changes").run()).toThrow(/append-only/);
    expect((await run(STRANGER, "list")).text).toContain("not permitted");
  });

  it("lists who has which role, for leads", async () => {
    const reply = await run(USERS.lead, "role");
    expect(reply.text).toContain(`*Admin:* <@${USERS.admin}>`);
    expect(reply.text).toContain(`*Specialist:* <@${USERS.specialist}>`);
    expect((await run(USERS.specialist, "role")).text).toContain("not permitted");
  });

  it.each(["role", "role someone lead", "role <@U0X|x> wizard", "role <@U0X|x> lead extra"])(
    "explains the usage for `%s` typed by a lead",
    async (text) => {
      const reply = await run(USERS.lead, text === "role" ? "role <@U0X|x>" : text);
      expect(reply.text).toContain("Usage: `/incident role @user");
    },
  );

  it("does not record a case submitted by someone whose role was removed after the form opened", async () => {
    await grantRole(h, STRANGER, "specialist");
    const viewId = await (async () => {
      await run(STRANGER, "");
      await expect.poll(() => h.fake.views().some((v) => v.user === STRANGER)).toBe(true);
      return h.fake.views().find((v) => v.user === STRANGER)?.id ?? "";
    })();
    await run(USERS.lead, `role <@${STRANGER}|stranger> none`);
    const res = await h.driver.submitView({ viewId, userId: STRANGER, values: intakeValues() });
    expect(JSON.stringify(res.body)).toContain("not permitted");
    expect(caseRows(h)).toHaveLength(0);
  });
});
