import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { slackDateStart } from "../support/slackDateStart.ts";
import { localAt } from "../support/wallTime.ts";

describe("business calendar", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness(); // Wednesday 2026-11-25 10:00 in Los Angeles
  });
  afterEach(() => h.close());

  /** A user types `/incident <text>`; the reply text. */
  async function command(text: string, userId: string = USERS.lead): Promise<string> {
    const res = await h.driver.command({ text, userId, channelId: h.triageChannelId });
    return (res.body as { text?: string }).text ?? "";
  }
  const plannerRuns = () =>
    h.desk.database.sqlite.prepare("SELECT count(*) AS n FROM jobs WHERE kind = 'oncall.plan_shifts'").get() as {
      n: number;
    };

  describe("/incident hours", () => {
    it("shows the default Monday–Friday 09:00–17:00 in BUSINESS_TZ, and that business time ends at 17:00", async () => {
      const reply = await command("hours", USERS.observer);
      expect(reply).toContain("*Business hours* (America/Los_Angeles)");
      expect(reply).toContain("`Mon` 09:00–17:00");
      expect(reply).toContain("`Fri` 09:00–17:00");
      expect(reply).toContain("`Sat` closed");
      expect(reply).toContain("`Sun` closed");
      expect(reply).toContain(`*Now:* business hours, until ${slackDateStart(localAt(2026, 11, 25, 17))}`);
      expect(reply).toContain("• none set");
    });

    it("says when business time starts again outside it", async () => {
      h.clock.set(localAt(2026, 11, 27, 18)); // Friday 18:00
      expect(await command("hours")).toContain(
        `*Now:* outside business hours; they start again ${slackDateStart(localAt(2026, 11, 30, 9))}`,
      );
    });

    it("is refused to someone with no role", async () => {
      expect(await command("hours", "U0NOROLE")).toContain("not permitted");
    });
  });

  describe("/incident hours set", () => {
    it("lets a lead open Saturday mornings, in two spans, and shows it", async () => {
      const runsBefore = plannerRuns().n;
      const reply = await command("hours set sat 09:00-12:00, 13:00-15:00");
      expect(reply).toContain("Business hours updated (America/Los_Angeles)");
      expect(reply).toContain("`Sat` 09:00–12:00, 13:00–15:00");
      expect(reply).toContain("`Sun` closed");
      expect(plannerRuns().n).toBe(runsBefore + 1);
      h.clock.set(localAt(2026, 11, 28, 10)); // Saturday 10:00
      expect(await command("hours", USERS.specialist)).toContain(
        `*Now:* business hours, until ${slackDateStart(localAt(2026, 11, 28, 12))}`,
      );
    });

    it("sets all weekdays at once, and closes a day", async () => {
      await command("hours set weekdays 08:00-16:00");
      const reply = await command("hours set wednesday closed");
      expect(reply).toContain("`Tue` 08:00–16:00");
      expect(reply).toContain("`Wed` closed");
      expect(reply).toContain("`Thu` 08:00–16:00");
      expect(await command("hours")).toContain(
        `*Now:* outside business hours; they start again ${slackDateStart(localAt(2026, 11, 26, 8))}`,
      );
    });

    it.each([
      ["a week with no hours at all", "hours set weekdays closed", "no business hours at all"],
      ["hours that end before they start", "hours set mon 17:00-09:00", "must end after they start"],
      ["a time that is not on the clock", "hours set mon 09:00-25:00", "HH:MM"],
      ["overlapping spans", "hours set mon 09:00-13:00,12:00-17:00", "overlap"],
      ["an unknown day", "hours set funday 09:00-17:00", "Usage"],
      ["hours not written HH:MM-HH:MM", "hours set mon 9-5", "Usage"],
      ["no hours", "hours set mon", "Usage"],
    ])("refuses %s and keeps the hours as they were", async (_case, text, message) => {
      const runsBefore = plannerRuns().n;
      expect(await command(text)).toContain(message);
      expect(await command("hours")).toContain("`Mon` 09:00–17:00");
      expect(plannerRuns().n).toBe(runsBefore);
    });

    it("is for leads only", async () => {
      expect(await command("hours set sat 09:00-12:00", USERS.specialist)).toContain("not permitted");
      expect(await command("hours")).toContain("`Sat` closed");
    });
  });

  describe("/incident hours zone", () => {
    it("moves business hours to another zone", async () => {
      expect(await command("hours zone europe/berlin")).toContain("now read in *Europe/Berlin*");
      const reply = await command("hours");
      expect(reply).toContain("*Business hours* (Europe/Berlin)");
      // 18:00 UTC is 19:00 in Berlin: closed until Thursday 09:00 there.
      expect(reply).toContain(
        `*Now:* outside business hours; they start again ${slackDateStart(localAt(2026, 11, 26, 9, 0, "Europe/Berlin"))}`,
      );
    });

    it.each([
      ["an unknown zone", "hours zone Mars/Olympus", "not an IANA time zone"],
      ["an offset", "hours zone +05:00", "not an IANA time zone"],
      ["no zone", "hours zone", "Usage"],
    ])("refuses %s", async (_case, text, message) => {
      expect(await command(text)).toContain(message);
      expect(await command("hours")).toContain("(America/Los_Angeles)");
    });

    it("is for leads only", async () => {
      expect(await command("hours zone Europe/Berlin", USERS.specialist)).toContain("not permitted");
    });
  });

  describe("/incident holiday", () => {
    it("adds holidays, lists the upcoming ones in date order, and closes business hours on them", async () => {
      expect(await command("holiday add 2026-12-25 Christmas Day")).toBe(
        "Holiday added: • 2026-12-25 (Fri) Christmas Day",
      );
      await command("holiday add 2026-11-25   Staff   offsite ");
      const list = await command("holiday list", USERS.observer);
      expect(list).toBe(
        "*Holidays* (America/Los_Angeles)\n• 2026-11-25 (Wed) Staff offsite\n• 2026-12-25 (Fri) Christmas Day",
      );
      const hours = await command("hours", USERS.specialist);
      expect(hours).toContain("*Next holidays:*\n• 2026-11-25 (Wed) Staff offsite\n• 2026-12-25 (Fri) Christmas Day");
      expect(hours).toContain(
        `*Now:* outside business hours; they start again ${slackDateStart(localAt(2026, 11, 26, 9))}`,
      );
    });

    it("removes a holiday, and says so when the date has none", async () => {
      await command("holiday add 2026-12-25 Christmas Day");
      const runsBefore = plannerRuns().n;
      expect(await command("holiday remove 2026-12-25")).toBe("Holiday removed: • 2026-12-25 (Fri) Christmas Day");
      expect(plannerRuns().n).toBe(runsBefore + 1);
      expect(await command("holiday")).toContain("• none upcoming");
      expect(await command("holiday remove 2026-12-25")).toContain("2026-12-25 is not a holiday");
    });

    it("keeps the holidays of the last 30 days in the list, after the upcoming ones", async () => {
      await command("holiday add 2026-11-26 Thanksgiving");
      await command("holiday add 2026-12-25 Christmas Day");
      h.clock.set(localAt(2026, 12, 20, 12));
      expect(await command("holiday list")).toBe(
        "*Holidays* (America/Los_Angeles)\n• 2026-12-25 (Fri) Christmas Day\n*Last 30 days:*\n• 2026-11-26 (Thu) Thanksgiving",
      );
      h.clock.set(localAt(2027, 1, 10, 12));
      expect(await command("holiday list")).toBe(
        "*Holidays* (America/Los_Angeles)\n• none upcoming\n*Last 30 days:*\n• 2026-12-25 (Fri) Christmas Day",
      );
    });

    it.each([
      ["a date that does not exist", "holiday add 2026-02-30 Leap", "real date"],
      ["a date not written YYYY-MM-DD", "holiday add 25/12/2026 Christmas", "real date"],
      ["a holiday with no name", "holiday add 2026-12-31  ", "Name the holiday"],
      ["a name over 80 characters", `holiday add 2026-12-31 ${"x".repeat(81)}`, "at most 80 characters"],
      ["a date in the past", "holiday add 2026-11-24 Yesterday", "in the past"],
      ["a date more than two years ahead", "holiday add 2029-01-01 New Year", "up to 2 years ahead"],
      ["no date", "holiday add", "Usage"],
      ["an unknown verb", "holiday move 2026-12-25", "Usage"],
    ])("refuses %s", async (_case, text, message) => {
      expect(await command(text)).toContain(message);
      expect(await command("holiday list")).toContain("• none upcoming");
    });

    it("refuses a second holiday on the same date with a clear message", async () => {
      await command("holiday add 2026-12-25 Christmas Day");
      expect(await command("holiday add 2026-12-25 Xmas")).toContain(
        "2026-12-25 is already a holiday; remove it first with `/incident holiday remove 2026-12-25`",
      );
      expect(await command("holiday list")).toContain("• 2026-12-25 (Fri) Christmas Day");
      expect(await command("holiday list")).not.toContain("Xmas");
    });

    it("refuses to change a past holiday, which SLA clocks already counted", async () => {
      await command("holiday add 2026-11-26 Thanksgiving");
      h.clock.set(localAt(2026, 11, 30, 12));
      expect(await command("holiday remove 2026-11-26")).toContain("in the past");
      expect(await command("holiday list")).toContain("2026-11-26 (Thu) Thanksgiving");
    });

    it("lets only leads add or remove holidays, and everyone who works cases read them", async () => {
      expect(await command("holiday add 2026-12-25 Christmas Day", USERS.specialist)).toContain("not permitted");
      await command("holiday add 2026-12-25 Christmas Day");
      expect(await command("holiday remove 2026-12-25", USERS.specialist)).toContain("not permitted");
      expect(await command("holiday list", USERS.specialist)).toContain("Christmas Day");
      expect(await command("holiday list", "U0NOROLE")).toContain("not permitted");
    });

    it("escapes a holiday name so it pings nobody", async () => {
      const added = await command("holiday add 2026-12-24 <!channel> day <@U0LEAD1>");
      expect(added).toContain("&lt;!channel&gt; day &lt;@U0LEAD1&gt;");
      for (const reply of [added, await command("holiday list"), await command("hours")]) {
        expect(reply).toContain("&lt;!channel&gt; day");
        expect(reply).not.toContain("<!channel>");
        expect(reply).not.toContain("<@U0LEAD1>");
      }
    });

    it("shows a name of the longest allowed length in full, however much escaping lengthens it", async () => {
      const name = `${"Founders ".repeat(8)}Day <&>`; // 79 characters, 89 once escaped
      const escaped = `${"Founders ".repeat(8)}Day &lt;&amp;&gt;`;
      await command(`holiday add 2026-12-24 ${name}`);
      for (const reply of [await command("holiday list"), await command("hours")]) {
        expect(reply).toContain(`(Thu) ${escaped}`);
        expect(reply).not.toContain("…");
      }
    });
  });
});
