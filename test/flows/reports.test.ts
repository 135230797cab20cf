import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dmChannelId } from "../support/dmChannelId.ts";
import { grantRole, type Harness, startHarness, USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import {
  csvFigures,
  MARCH_APPEALS,
  MARCH_CASES,
  MARCH_DECISIONS,
  MARCH_PAGES,
  nearestRank,
  PRIVATE_WORDS,
  pngStats,
  seedMarch,
  UTC_DESK,
} from "../support/reportMonth.ts";
import { reportMessages, sharedFiles } from "../support/reports.ts";

const MARCH_FROM = Date.UTC(2026, 2, 1);
const APRIL_FROM = Date.UTC(2026, 3, 1);
const inMarch = (at: number) => at >= MARCH_FROM && at < APRIL_FROM;
const CONSULTANT = "U0CONS01";

describe("/incident report", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ env: UTC_DESK });
  });
  afterEach(() => h.close());

  const report = async (text: string, userId: string = USERS.lead, channelId: string = h.triageChannelId) => {
    h.clock.set(Date.UTC(2026, 3, 2, 10));
    const reply = (await h.driver.command({ text, userId, channelId })).body as { text: string };
    await h.settle();
    return reply.text;
  };

  describe("over a seeded March", () => {
    beforeEach(() => seedMarch(h));

    it("counts the month's cases, times, breaches, decisions, appeals and pages as worked out by hand", async () => {
      expect(await report("report month")).toContain("2026-03-01 to 2026-03-31 (UTC)");
      const csv = csvFigures(sharedFiles(h, ".csv")[0]?.toString("utf8") ?? "");
      const figure = (metric: string, dimension = "") => csv.get(`${metric}|${dimension}`);

      expect(figure("cases_opened")).toBe(String(MARCH_CASES.length));
      for (const category of ["harassment", "theft", "service-quality"]) {
        for (const severity of ["sev2", "sev3", "sev4"]) {
          const n = MARCH_CASES.filter((c) => c.category === category && c.severity === severity).length;
          expect(figure("cases_opened", `${category}/${severity}`)).toBe(String(n));
        }
      }
      // Every answer came on the day its case opened, in business hours: SLA minutes are wall-clock minutes.
      for (const severity of ["sev2", "sev3"] as const) {
        const cases = MARCH_CASES.filter((c) => c.severity === severity);
        const contacts = cases.flatMap((c) => (c.contactAfter === null ? [] : [c.contactAfter]));
        const resolutions = cases.flatMap((c) => (c.resolvedAfter === null ? [] : [c.resolvedAfter]));
        expect(figure("first_response_p50_minutes", severity)).toBe(String(nearestRank(contacts, 0.5)));
        expect(figure("first_response_p90_minutes", severity)).toBe(String(nearestRank(contacts, 0.9)));
        expect(figure("resolution_p50_minutes", severity)).toBe(String(nearestRank(resolutions, 0.5)));
        expect(figure("resolution_p90_minutes", severity)).toBe(String(nearestRank(resolutions, 0.9)));
        expect(figure("resolution_pending", severity)).toBe(String(cases.length - resolutions.length));
      }
      // SEV2 answers within 120 calendar minutes; SEV3 within a business day (480 minutes).
      expect(figure("first_response_breaches", "sev2")).toBe(
        String(MARCH_CASES.filter((c) => c.severity === "sev2" && (c.contactAfter ?? 0) > 120).length),
      );
      expect(figure("first_response_breaches", "sev3")).toBe("0");
      // The open SEV3 (Mar 11) and SEV4 (Mar 4) are past 5 and 10 business days, and past their next update, by Mar 31.
      expect(figure("resolution_breaches", "sev3")).toBe("1");
      expect(figure("resolution_breaches", "sev4")).toBe("1");
      expect(figure("next_update_breaches", "sev3")).toBe("1");
      expect(figure("next_update_breaches", "sev4")).toBe("1");
      expect(figure("resolution_breaches", "sev2")).toBe("0");

      const decided = MARCH_DECISIONS.filter(([at]) => inMarch(at));
      for (const rung of new Set(decided.map(([, r]) => r))) {
        expect(figure("decisions", rung)).toBe(String(decided.filter(([, r]) => r === rung).length));
      }
      const appealsDecided = MARCH_APPEALS.filter(([, at]) => at !== null && inMarch(at));
      const overturned = appealsDecided.filter(([, , outcome]) => outcome === "overturned").length;
      expect(figure("appeals_opened")).toBe(String(MARCH_APPEALS.filter(([at]) => inMarch(at)).length));
      expect(figure("appeals_decided")).toBe(String(appealsDecided.length));
      expect(Number(figure("appeals_overturn_rate"))).toBeCloseTo(overturned / appealsDecided.length);

      const pages = MARCH_PAGES.filter(([at]) => inMarch(at));
      const acks = pages.flatMap(([, after]) => (after === null ? [] : [after]));
      expect(figure("pages_sent")).toBe(String(pages.length));
      expect(figure("pages_acknowledged")).toBe(String(acks.length));
      expect(figure("page_ack_p50_minutes")).toBe(String(nearestRank(acks, 0.5)));
      expect(figure("page_ack_p90_minutes")).toBe(String(nearestRank(acks, 0.9)));
    });

    it("posts the numbers in one message, edited from its progress message, in the private channel it was asked in", async () => {
      await report("report month");
      const [message, ...more] = reportMessages(h, h.triageChannelId);
      expect(more).toEqual([]);
      expect(message?.text).toBe(
        `Monthly report, all categories, 2026-03-01 to 2026-03-31 (UTC): ${MARCH_CASES.length} cases opened.`,
      );
      const shown = jsonText(message?.blocks);
      expect(shown).toContain("First response: p50 45 min, p90 2.5 h (target 2 h); 1 breached, 0 still open");
      expect(shown).toContain("Overturn rate*\\n33 % (1 of 3)");
      expect(shown).toContain("Suspension: 7 days: 2");
    });

    it("uploads two charts that decode as PNG of the chart size with something drawn on them", async () => {
      await report("report month");
      const charts = sharedFiles(h, ".png");
      expect(charts).toHaveLength(2);
      for (const chart of charts) {
        const { width, height, inked } = pngStats(chart);
        expect({ width, height }).toEqual({ width: 1000, height: 560 });
        expect(inked).toBeGreaterThan(2_000);
      }
    });

    it("carries no title, name, account ref, case id or user id in the message, the CSV or the file names", async () => {
      await report("report month");
      const everything = [
        jsonText(reportMessages(h, h.triageChannelId)),
        sharedFiles(h, ".csv")[0]?.toString("utf8") ?? "",
        JSON.stringify(h.fake.callsTo("files.getUploadURLExternal").map((c) => c.args.filename)),
        JSON.stringify(h.fake.callsTo("files.completeUploadExternal").map((c) => c.args)),
      ].join("\n");
      for (const word of [...PRIVATE_WORDS, ...Object.values(USERS)]) expect(everything).not.toContain(word);
    });

    it("limits every figure to the category asked for", async () => {
      expect(await report("report month theft")).toContain("monthly report, theft");
      const csv = csvFigures(sharedFiles(h, ".csv")[0]?.toString("utf8") ?? "");
      expect(csv.get("cases_opened|")).toBe(String(MARCH_CASES.filter((c) => c.category === "theft").length));
      expect(csv.get("cases_opened|harassment/sev3")).toBeUndefined();
      // The decisions, appeals and pages are all on a harassment case.
      expect([csv.get("appeals_opened|"), csv.get("pages_sent|")]).toEqual(["0", "0"]);
    });
  });

  it("reports a week with no cases as 'no cases', with the CSV and no chart", async () => {
    await report("report week");
    const [message] = reportMessages(h, h.triageChannelId);
    expect(jsonText(message?.blocks)).toContain("*No cases* were opened from 2026-03-23 to 2026-03-29.");
    expect(sharedFiles(h, ".png")).toEqual([]);
    expect(csvFigures(sharedFiles(h, ".csv")[0]?.toString("utf8") ?? "").get("cases_opened|")).toBe("0");
  });

  it("sends the report by DM when asked in a public channel", async () => {
    const lounge = h.fake.addChannel({ name: "lounge", members: ["UBOT", USERS.specialist] });
    await report("report week", USERS.specialist, lounge);
    expect(h.fake.messages(lounge)).toEqual([]);
    expect(reportMessages(h, dmChannelId(h.fake, USERS.specialist))).toHaveLength(1);
  });

  it("refuses consultants and observers, and records nothing for them", async () => {
    await grantRole(h, CONSULTANT, "consultant");
    for (const userId of [CONSULTANT, USERS.observer]) {
      expect(await report("report week", userId)).toContain("You are not permitted to do that.");
    }
    expect(h.desk.database.sqlite.prepare("SELECT count(*) AS n FROM report_runs").get()).toEqual({ n: 0 });
  });

  it("refuses a period other than week or month, and an unknown category, saying what it takes", async () => {
    expect(await report("report year")).toContain("Usage: `/incident report week|month [category]`");
    expect(await report("report week <!channel>")).toContain("Unknown category. The categories are: ");
  });
});
