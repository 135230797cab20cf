import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { addLayer, addOnCallPeople, ON_CALL, who } from "../support/onCall.ts";
import { slackDateStart } from "../support/slackDateStart.ts";
import { localAt } from "../support/wallTime.ts";

const { ana, ben, cat } = ON_CALL;
describe("shift reminders", () => {
  let h: Harness;

  beforeEach(async () => {
    // Wednesday 2026-11-25 10:00 in Los Angeles; reminders 12 hours before a shift.
    h = await startHarness({ env: { SHIFT_REMINDER_LEAD_HOURS: "12" } });
    await addOnCallPeople(h);
  });
  afterEach(() => h.close());

  /** The shift reminders one person got by DM, oldest first, as text and blocks. */
  function reminders(userId: string): string[] {
    const dm = h.fake.channels().find((c) => c.is_im && c.user === userId);
    if (!dm) return [];
    return h.fake
      .messages(dm.id)
      .filter((m) => m.text.startsWith("You are on call for"))
      .map((m) => jsonText({ text: m.text, blocks: m.blocks }));
  }

  async function settleAt(time: number): Promise<void> {
    h.clock.set(time);
    await h.settle();
  }

  async function command(words: string): Promise<string> {
    const res = await h.driver.command({ text: words, userId: USERS.lead, channelId: h.triageChannelId });
    return (res.body as { text?: string }).text ?? "";
  }

  it("queues today's planning run when the bot starts, once per local date however often it restarts", async () => {
    const plannerKeys = () =>
      (
        h.desk.database.sqlite
          .prepare("SELECT idempotency_key AS key FROM jobs WHERE kind = 'oncall.plan_shifts' ORDER BY id")
          .all() as Array<{ key: string }>
      ).map((j) => j.key);
    expect(plannerKeys()).toEqual(["oncall.plan_shifts:2026-11-25"]);
    await h.settle(); // the run queues the next day's
    const planned = ["oncall.plan_shifts:2026-11-25", "oncall.plan_shifts:2026-11-26"];
    expect(plannerKeys()).toEqual(planned);
    await h.restart();
    expect(await command("hours")).toContain("*Business hours*"); // the restarted bot is up
    await h.settle();
    expect(plannerKeys()).toEqual(planned);
  });

  describe("with a weekly weekend rotation", () => {
    beforeEach(async () => {
      await addLayer(h, `weekend weekends 09:00 7 ${who(ana)} ${who(ben)}`);
      await submitIntake(h, intakeValues({ category: "theft", title: "Drill missing after a visit" }));
      await submitIntake(h, intakeValues({ category: "harassment", title: "Rude texts" }));
      await submitIntake(h, intakeValues({ category: "service-quality", title: "Leaky tap" }));
      await h.settle();
    });

    it("DMs the Saturday primary at Friday 12:00 with the open SEV2 case only, and not before", async () => {
      await settleAt(localAt(2026, 11, 27, 11, 59));
      expect(reminders(ana)).toEqual([]);
      await settleAt(localAt(2026, 11, 27, 12));
      const [reminder, ...more] = reminders(ana);
      expect(more).toEqual([]);
      expect(reminder).toContain(`on call for the weekend from ${slackDateStart(localAt(2026, 11, 28, 0))}`);
      expect(reminder).toContain("2026-11-28 00:00 America/Los_Angeles");
      expect(reminder).toContain("*Open SEV1/SEV2 cases* (1)");
      expect(reminder).toMatch(/\*TS-2026-0001\* · SEV2 · [^"]*<#C[A-Z0-9]+>/);
      expect(reminder).toContain("Drill missing after a visit");
      expect(reminder).not.toContain("TS-2026-0002");
      expect(reminder).not.toContain("TS-2026-0003");
      expect(reminders(ben)).toEqual([]);
    });

    it("reminds the next person instead when the Saturday primary can no longer take pages", async () => {
      await settleAt(localAt(2026, 11, 27, 11)); // Friday 11:00: ana's reminder is already queued
      expect(await command(`role ${who(ana)} consultant`)).toContain("is now consultant");
      await settleAt(localAt(2026, 11, 27, 12));
      expect(reminders(ana)).toEqual([]);
      const dm = h.fake.channels().find((c) => c.is_im && c.user === ana);
      expect(jsonText(dm ? h.fake.messages(dm.id) : [])).not.toContain("Drill missing after a visit");
      expect(reminders(ben)).toHaveLength(1);
      expect(reminders(ben)[0]).toContain(`on call for the weekend from ${slackDateStart(localAt(2026, 11, 28, 0))}`);
      expect(reminders(ben)[0]).toContain("Drill missing after a visit");
    });

    it("reminds exactly once across restarts, repeated runs and schedule changes", async () => {
      await h.restart();
      await settleAt(localAt(2026, 11, 27, 12));
      await h.settle();
      await h.restart();
      await h.settle();
      expect(await command(`oncall override ${who(cat)} 2026-12-01 09:00 2026-12-01 17:00`)).toContain("Override #");
      expect(await command("holiday add 2026-12-24 Christmas Eve")).toContain("Holiday added");
      await h.settle();
      await settleAt(localAt(2026, 11, 28, 1));
      expect(reminders(ana)).toHaveLength(1);
      expect(reminders(ben)).toEqual([]);
      expect(reminders(cat)).toEqual([]);
    });

    it("reminds whoever covers the weekend by override instead, even when the override comes after planning", async () => {
      await settleAt(localAt(2026, 11, 26, 10)); // Thursday: ana's reminder is already queued
      expect(await command(`oncall override ${who(cat)} 2026-11-28 00:00 2026-11-30 00:00`)).toContain("Override #");
      await h.settle();
      await settleAt(localAt(2026, 11, 27, 12));
      expect(reminders(cat)).toHaveLength(1);
      expect(reminders(cat)[0]).toContain(`from ${slackDateStart(localAt(2026, 11, 28, 0))}`);
      await settleAt(localAt(2026, 11, 28, 12));
      expect(reminders(ana)).toEqual([]);
    });

    it("hands a weekend split by an override to each person, each before their part", async () => {
      await command(`oncall override ${who(cat)} 2026-11-28 00:00 2026-11-29 00:00`);
      await settleAt(localAt(2026, 11, 27, 12));
      expect(reminders(cat)).toHaveLength(1);
      expect(reminders(ana)).toEqual([]);
      await settleAt(localAt(2026, 11, 28, 11, 59));
      expect(reminders(ana)).toEqual([]);
      await settleAt(localAt(2026, 11, 28, 12));
      expect(reminders(ana)).toHaveLength(1);
      expect(reminders(ana)[0]).toContain(`from ${slackDateStart(localAt(2026, 11, 29, 0))}`);
    });
  });

  it("reminds the holiday layer's person before a holiday added with /incident holiday add, by its escaped name", async () => {
    await addLayer(h, `hol holidays 09:00 7 ${who(cat)}`);
    expect(await command("holiday add 2026-12-02 Company <!here> Day")).toContain("Holiday added");
    await h.settle();
    await settleAt(localAt(2026, 12, 1, 11, 59));
    expect(reminders(cat)).toEqual([]);
    await settleAt(localAt(2026, 12, 1, 12));
    expect(reminders(cat)).toHaveLength(1);
    expect(reminders(cat)[0]).toContain(
      `on call for the holiday *Company &lt;!here&gt; Day* from ${slackDateStart(localAt(2026, 12, 2, 0))}`,
    );
    expect(reminders(cat)[0]).not.toContain("<!here>");
    expect(reminders(cat)[0]).toContain("No open SEV1/SEV2 cases.");
  });

  it("names a long holiday in full, escaped after it is cut to length", async () => {
    await addLayer(h, `hol holidays 09:00 7 ${who(cat)}`);
    await command(`holiday add 2026-12-02 ${"Founders ".repeat(8)}Day <&>`); // 79 characters, 89 once escaped
    await settleAt(localAt(2026, 12, 1, 12));
    expect(reminders(cat)[0]).toContain(`on call for the holiday *${"Founders ".repeat(8)}Day &lt;&amp;&gt;* from`);
  });

  it("drops the reminder when the holiday is removed before it", async () => {
    await addLayer(h, `hol holidays 09:00 7 ${who(cat)}`);
    await command("holiday add 2026-12-02 Company Day");
    await h.settle();
    expect(await command("holiday remove 2026-12-02")).toContain("Holiday removed");
    await settleAt(localAt(2026, 12, 2, 12));
    expect(reminders(cat)).toEqual([]);
  });

  it("times reminders in real hours across the end of daylight saving time", async () => {
    // A daily weekend rotation from Wednesday 2026-10-28 09:00: ana holds Friday 09:00 to Saturday 09:00 (so
    // from Saturday 00:00 PDT), ben Saturday, ana again from Sunday 09:00 PST = 17:00Z, after DST ended at 02:00.
    h.clock.set(localAt(2026, 10, 28, 10));
    await addLayer(h, `weekend weekends 09:00 1 ${who(ana)} ${who(ben)}`);
    await h.settle();
    await settleAt(Date.UTC(2026, 9, 30, 18, 59));
    expect(reminders(ana)).toEqual([]);
    await settleAt(Date.UTC(2026, 9, 30, 19)); // Saturday 07:00Z (00:00 PDT) − 12 h
    expect(reminders(ana)).toHaveLength(1);
    expect(reminders(ana)[0]).toContain(`from ${slackDateStart(Date.UTC(2026, 9, 31, 7))}`);
    await settleAt(Date.UTC(2026, 9, 31, 4)); // Saturday 16:00Z (09:00 PDT) − 12 h
    expect(reminders(ben)).toHaveLength(1);
    // Sunday 09:00 PST is 17:00Z: twelve real hours before is 05:00Z (Saturday 22:00 PDT), not 21:00 local.
    await settleAt(Date.UTC(2026, 10, 1, 4, 59));
    expect(reminders(ana)).toHaveLength(1);
    await settleAt(Date.UTC(2026, 10, 1, 5));
    expect(reminders(ana)).toHaveLength(2);
    expect(reminders(ana)[1]).toContain(`from ${slackDateStart(Date.UTC(2026, 10, 1, 17))}`);
    expect(reminders(ana)[1]).toContain("2026-11-01 09:00 America/Los_Angeles");
  });
});
