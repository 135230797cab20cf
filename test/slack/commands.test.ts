import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

type Reply = { response_type: string; text: string; blocks?: unknown[] };

describe("/incident subcommands", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const run = async (text: string, channelId = h.triageChannelId) => {
    const res = await h.driver.command({ text, userId: USERS.specialist, channelId });
    expect(res.status).toBe(200);
    return res.body as Reply;
  };

  it("lists every command on help, ephemerally", async () => {
    const reply = await run("help");
    expect(reply.response_type).toBe("ephemeral");
    for (const word of ["list", "status", "help"]) expect(reply.text).toContain(`/incident ${word}`);
  });

  it("answers unknown text with help, escaping what was typed", async () => {
    const reply = await run("frobnicate <!channel>");
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain("I don't know `frobnicate &lt;!channel&gt;`");
    expect(reply.text).toContain("/incident list");
  });

  it("lists open cases newest first, ten to a page", async () => {
    for (let i = 1; i <= 12; i++) {
      await submitIntake(h, intakeValues({ title: `Case number ${i}` }));
      h.clock.advance(60_000);
    }
    const first = await run("list");
    const text = JSON.stringify(first.blocks);
    expect(text).toContain("Open cases* (12)");
    expect(text.indexOf("TS-2026-0012")).toBeLessThan(text.indexOf("TS-2026-0011"));
    expect(text).not.toContain("TS-2026-0002");
    expect(text).toContain("/incident list 2");
    const second = JSON.stringify((await run("list 2")).blocks);
    expect(second).toContain("TS-2026-0002");
    expect(second).toContain("TS-2026-0001");
    expect(second).toContain("Page 2 of 2");
  });

  it("says so when there are no open cases", async () => {
    expect((await run("list")).text).toBe("No open cases. :tada:");
  });

  it("shows a case's status by id, and implies the case inside its war room", async () => {
    await submitIntake(h, intakeValues({ category: "theft", title: "Tools missing after visit" }));
    await h.settle();
    const byId = await run("status ts-2026-1");
    expect(byId.text).toBe("TS-2026-0001: New");
    expect(JSON.stringify(byId.blocks)).toContain("Tools missing after visit");

    const roomId = h.fake.channelByName("ts-2026-0001-theft")?.id ?? "";
    const inRoom = await run("status", roomId);
    expect(inRoom.text).toBe("TS-2026-0001: New");
  });

  it.each([
    ["status TS-2026-0099", "There is no case TS-2026-0099."],
    ["status 12345", "is not a case id"],
    ["status", "Name a case"],
  ])("explains what is wrong with `%s`", async (text, message) => {
    const reply = await run(text);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toContain(message);
  });

  it("still lists the case after a restart on the same database", async () => {
    await submitIntake(h, intakeValues());
    await h.restart();
    const text = JSON.stringify((await run("list")).blocks);
    expect(text).toContain("TS-2026-0001");
  });

  it("tells the user when Slack refuses to open the form", async () => {
    h.fake.inject("views.open", { error: "expired_trigger_id" });
    const res = await h.driver.command({ text: "", userId: USERS.specialist, channelId: h.triageChannelId });
    expect(res.status).toBe(200);
    await expect.poll(() => h.fake.responses(res.responseUrl).length).toBe(1);
    expect(JSON.stringify(h.fake.responses(res.responseUrl)[0]?.body)).toContain("Run the command again");
  });
});
