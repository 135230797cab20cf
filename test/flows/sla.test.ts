import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CALLBACK, MEDIATION_BLOCK } from "../../src/slack/ids.ts";
import { slackDate } from "../../src/slack/views/mrkdwn.ts";
import { moveCase } from "../support/caseState.ts";
import { grantRole, type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { addLayer, addOnCallPeople, ON_CALL, who } from "../support/onCall.ts";
import { decideSanction } from "../support/sanctionDecision.ts";
import { wallTime } from "../support/wallTime.ts";

const LA = "America/Los_Angeles";
const MINUTE = 60_000;
const CASE = "TS-2026-0001";
const OWNER = USERS.specialist;
const CONSULTANT = "U0LEGAL1";

/** An instant given as Los Angeles wall time, "2026-12-04 16:00". */
const la = (text: string) => wallTime(LA, text);

type EventRow = { actor: string; payload: string };

describe("SLA clocks and reminders", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const sql = <T>(query: string, ...params: unknown[]) => h.desk.database.sqlite.prepare(query).all(...params) as T[];
  const reminderEvents = () =>
    sql<EventRow>("SELECT actor, payload FROM case_events WHERE kind = 'sla_reminder' ORDER BY seq").map(
      (e): Record<string, unknown> => ({ actor: e.actor, ...(JSON.parse(e.payload) as Record<string, unknown>) }),
    );
  const roomId = () => h.fake.channelByName("ts-2026-0001-theft")?.id ?? "";
  /** The bot's reminders, in the order they were posted. */
  const remindersIn = (channelId: string, threadTs?: string) =>
    h.fake
      .messages(channelId, threadTs === undefined ? {} : { threadTs })
      .map((m) => m.text ?? "")
      .filter((t) => t.startsWith("⏱"));
  const pinnedSummary = () => jsonText(h.fake.message(roomId(), h.fake.pins(roomId())[0] ?? "")?.blocks);

  /** Moves the fake clock to `minutes` after `from` and runs every job due by then. */
  async function settleAt(from: number, minutes: number): Promise<void> {
    h.clock.set(from + minutes * MINUTE);
    await h.settle();
  }

  /** A SEV2 theft case, opened now: it gets its war room at once. */
  async function openSev2(title = "Tools missing after a visit"): Promise<number> {
    const openedAt = h.clock.now();
    await submitIntake(h, intakeValues({ category: "theft", title }));
    await h.settle();
    return openedAt;
  }

  describe("a SEV2 first response (2 h calendar), opened Wednesday 10:00", () => {
    it("reminds the opener in the war room at 60, 108 and 120 minutes, each once, across a restart", async () => {
      const opened = await openSev2();
      const due = opened + 120 * MINUTE;
      const fifty = `⏱ <@${OWNER}> First response is 50 % through (due ${slackDate(due)}).`;
      const ninety = `⏱ <@${OWNER}> First response is 90 % through (due ${slackDate(due)}).`;
      const breached = `⏱ <@${OWNER}> First response breached (was due ${slackDate(due)}).`;

      await settleAt(opened, 59);
      expect(remindersIn(roomId())).toEqual([]);
      await settleAt(opened, 60);
      await h.settle();
      expect(remindersIn(roomId())).toEqual([fifty]);

      // A case change re-reads the clocks: the 50 % it finds already reminded stays reminded.
      h.clock.set(opened + 70 * MINUTE);
      moveCase(h, CASE, "investigating", OWNER);
      await h.settle();
      await h.restart();
      await settleAt(opened, 107);
      expect(remindersIn(roomId())).toEqual([fifty]);
      await settleAt(opened, 108);
      await h.settle();
      expect(remindersIn(roomId())).toEqual([fifty, ninety]);

      await settleAt(opened, 119);
      expect(remindersIn(roomId())).toEqual([fifty, ninety]);
      await settleAt(opened, 120);
      await settleAt(opened, 180);
      await settleAt(opened, 240);
      expect(remindersIn(roomId())).toEqual([fifty, ninety, breached]);

      expect(reminderEvents()).toEqual(
        [0.5, 0.9, 1].map((threshold) =>
          expect.objectContaining({
            actor: h.desk.deps.botUserId,
            clock: "first_response",
            threshold,
            cycleStart: opened,
            channel: roomId(),
          }),
        ),
      );
      const ts = h.fake
        .messages(roomId())
        .filter((m) => m.text?.startsWith("⏱"))
        .map((m) => m.ts);
      expect(reminderEvents().map((e) => e.ts)).toEqual(ts);
    });

    it("mentions the owner once the case has one", async () => {
      const opened = await openSev2();
      const res = await h.driver.command({ text: `assign <@${USERS.lead}|lead>`, userId: OWNER, channelId: roomId() });
      expect(jsonText(res.body)).toContain(USERS.lead);
      await settleAt(opened, 60);
      expect(remindersIn(roomId())).toEqual([expect.stringMatching(/^⏱ <@U0LEAD1> First response is 50 % through/)]);
    });

    it("shows the due time, and the time left as of its last render, in the pinned summary", async () => {
      const opened = await openSev2();
      const due = slackDate(opened + 120 * MINUTE);
      expect(pinnedSummary()).toContain(
        `*First response:* :hourglass_flowing_sand: due ${due} · 2 h left as of ${slackDate(opened)}`,
      );
      expect(pinnedSummary()).toContain("*Next update:* starts with the first response");
      // SEV2 resolution: three business days of eight hours.
      expect(pinnedSummary()).toContain(`· 24 h of business time left as of ${slackDate(opened)}`);
      // The 50 % reminder is a case change: the summary is re-rendered with it.
      await settleAt(opened, 60);
      expect(pinnedSummary()).toContain(
        `*First response:* :hourglass_flowing_sand: due ${due} · 1 h left as of ${slackDate(opened + 60 * MINUTE)}`,
      );
      await settleAt(opened, 120);
      expect(pinnedSummary()).toContain(`*First response:* :red_circle: breached at ${due}`);
    });

    it("says nothing in the pinned summary that goes stale while nothing changes", async () => {
      const opened = await openSev2();
      for (const minutes of [60, 108, 120]) await settleAt(opened, minutes);
      const lastRender = slackDate(opened + 120 * MINUTE);
      // Three hours after the breach reminder, the last change to the case: the summary was not re-rendered.
      await settleAt(opened, 300);
      const summary = pinnedSummary();
      expect(summary).toContain(`*First response:* :red_circle: breached at ${slackDate(opened + 120 * MINUTE)}`);
      expect(summary).toContain(`of business time left as of ${lastRender}`);
      expect(summary).not.toMatch(/\d+ (min|h|d) ago/);
    });

    it("stops reminding once a mediation contact answers it, and starts the next-update clock", async () => {
      const opened = await openSev2();
      await settleAt(opened, 30);
      await logMediationContact();
      await h.settle();
      expect(pinnedSummary()).toContain(`*First response:* :white_check_mark: met ${slackDate(opened + 30 * MINUTE)}`);
      // SEV2 next update: one business day (480 min) from Wednesday 10:30, so due Thursday 10:30.
      expect(pinnedSummary()).toContain(
        `*Next update:* :hourglass_flowing_sand: due ${slackDate(la("2026-11-26 10:30"))} · 8 h of business time left as of ${slackDate(opened + 30 * MINUTE)}`,
      );

      for (const minutes of [60, 108, 120, 180]) await settleAt(opened, minutes);
      expect(remindersIn(roomId())).toEqual([]);

      // Its 50 %: 240 business minutes after 10:30 is 14:30 the same Wednesday.
      await settleAt(opened, 269);
      expect(remindersIn(roomId())).toEqual([]);
      await settleAt(opened, 270);
      expect(remindersIn(roomId())).toEqual([expect.stringMatching(/^⏱ <@U0SPEC1> Next update is 50 % through/)]);
      expect(reminderEvents()).toEqual([
        expect.objectContaining({ clock: "next_update", threshold: 0.5, cycleStart: opened + 30 * MINUTE }),
      ]);
    });

    it("posts nothing for a case closed before its clocks run out", async () => {
      const opened = await openSev2();
      moveCase(h, CASE, "investigating", OWNER);
      moveCase(h, CASE, "merged", OWNER);
      for (const minutes of [60, 108, 120]) await settleAt(opened, minutes);
      expect(remindersIn(roomId())).toEqual([]);
      expect(reminderEvents()).toEqual([]);
    });
  });

  describe("an appeal of a resolved SEV2 case", () => {
    it("starts fresh clocks for the appellant and reminds in the war room again", async () => {
      const opened = await openSev2();
      moveCase(h, CASE, "investigating", OWNER);
      await decideSanction(h, {
        roomId: roomId(),
        proposer: OWNER,
        approver: USERS.lead,
        rung: "suspension_30d",
        facts: "The pro took tools from the customer's garage during a booked job and refused to return them.",
      });
      moveCase(h, CASE, "resolved", USERS.lead);
      await h.settle();
      expect(pinnedSummary()).toContain(`*Resolution:* :white_check_mark: met ${slackDate(opened)}`);

      // A week later, Wednesday 10:00, the suspended pro appeals.
      await settleAt(opened, 7 * 24 * 60);
      const appealedAt = h.clock.now();
      const appeal = await h.driver.command({
        text: "appeal D1 New evidence: the tools were returned",
        userId: OWNER,
        channelId: roomId(),
      });
      expect(jsonText(appeal.body)).toContain("under appeal against TS-2026-0001-D1");
      await h.settle();
      const due = slackDate(appealedAt + 120 * MINUTE);
      expect(pinnedSummary()).toContain(`*First response:* :hourglass_flowing_sand: due ${due}`);
      expect(pinnedSummary()).toContain("*Next update:* starts with the first response");
      expect(pinnedSummary()).toContain(`*Resolution:* :hourglass_flowing_sand: due`);

      await settleAt(appealedAt, 59);
      expect(remindersIn(roomId())).toEqual([]);
      for (const minutes of [60, 108, 120]) await settleAt(appealedAt, minutes);
      expect(remindersIn(roomId())).toEqual([
        `⏱ <@${OWNER}> First response is 50 % through (due ${due}).`,
        `⏱ <@${OWNER}> First response is 90 % through (due ${due}).`,
        `⏱ <@${OWNER}> First response breached (was due ${due}).`,
      ]);

      // Twenty days on, the appeal's resolution (three business days) has long breached.
      await settleAt(appealedAt, 20 * 24 * 60);
      expect(remindersIn(roomId()).at(-1)).toMatch(/^⏱ <@U0SPEC1> Resolution breached/);
      expect(reminderEvents().map((e) => [e.clock, e.threshold, e.cycleStart])).toEqual([
        ["first_response", 0.5, appealedAt],
        ["first_response", 0.9, appealedAt],
        ["first_response", 1, appealedAt],
        ["resolution", 1, appealedAt],
      ]);
    });
  });

  async function logMediationContact(): Promise<void> {
    const opened = h.fake.callsTo("views.open").length;
    await h.driver.command({ text: "mediate", userId: OWNER, channelId: roomId() });
    await expect.poll(() => h.fake.callsTo("views.open").length).toBeGreaterThan(opened);
    const view = h.fake
      .views()
      .filter((v) => v.callback_id === CALLBACK.mediation && v.user === OWNER && v.open)
      .at(-1);
    const party = view?.blocks.find((b) => (b as { block_id?: string }).block_id === MEDIATION_BLOCK.party) as
      | { element: { options: Array<{ value: string }> } }
      | undefined;
    const res = await h.driver.submitView({
      viewId: view?.id ?? "",
      userId: OWNER,
      values: {
        party: party?.element.options[0]?.value ?? "",
        channel: "phone",
        summary: "Called the customer to confirm what went missing.",
        offer: "none",
        amount: null,
        currency: null,
        outcome: "pending",
      },
    });
    expect(res.body).toBe("");
  }

  describe("a SEV3 first response (one business day = 480 business minutes), opened Friday 16:00", () => {
    it("pauses while waiting on the reporter and breaches at the business minute the wait pushed it to", async () => {
      // Counted: Friday 16:00–17:00 (60) and Monday 09:00–10:00 (60) = 120, then it waits until
      // Tuesday 13:00. The 360 left run Tuesday 13:00–17:00 (240) and Wednesday 09:00–11:00 (120):
      // breach Wednesday 11:00. 50 % (240) is Tuesday 15:00; 90 % (432) is Wednesday 10:12.
      // Without the wait it would have breached Monday 16:00.
      h.clock.set(la("2026-12-04 16:00"));
      await submitIntake(h, intakeValues());
      await h.settle();
      const [{ triage_ts: thread = "" } = {}] = sql<{ triage_ts: string }>("SELECT triage_ts FROM cases");
      const triageSummary = () => jsonText(h.fake.message(h.triageChannelId, thread)?.blocks);
      const reminders = () => remindersIn(h.triageChannelId, thread);

      h.clock.set(la("2026-12-07 10:00"));
      moveCase(h, CASE, "investigating", OWNER);
      moveCase(h, CASE, "waiting_reporter", OWNER);
      await h.settle();
      expect(triageSummary()).toContain("*First response:* :double_vertical_bar: paused (waiting on reporter)");
      for (const at of ["2026-12-07 12:00", "2026-12-07 16:00", "2026-12-08 12:59"]) {
        h.clock.set(la(at));
        await h.settle();
      }
      expect(reminders()).toEqual([]);

      h.clock.set(la("2026-12-08 13:00"));
      moveCase(h, CASE, "investigating", OWNER);
      await h.settle();
      expect(triageSummary()).toContain(
        `*First response:* :hourglass_flowing_sand: due ${slackDate(la("2026-12-09 11:00"))} · 6 h of business time left as of ${slackDate(la("2026-12-08 13:00"))}`,
      );

      const expected: Array<[string, string[]]> = [
        ["2026-12-08 14:59", []],
        ["2026-12-08 15:00", ["50 %"]],
        ["2026-12-08 17:30", ["50 %"]],
        ["2026-12-09 10:11", ["50 %"]],
        ["2026-12-09 10:12", ["50 %", "90 %"]],
        ["2026-12-09 10:59", ["50 %", "90 %"]],
        ["2026-12-09 11:00", ["50 %", "90 %", "breached"]],
        ["2026-12-10 11:00", ["50 %", "90 %", "breached"]],
      ];
      for (const [at, seen] of expected) {
        h.clock.set(la(at));
        await h.settle();
        expect({ at, reminders: reminders().map((r) => /(\d+ %|breached)/.exec(r)?.[1]) }).toEqual({
          at,
          reminders: seen,
        });
      }
      expect(reminders()[2]).toBe(
        `⏱ <@${OWNER}> First response breached (was due ${slackDate(la("2026-12-09 11:00"))}).`,
      );
    });
  });

  describe("a calendar change", () => {
    it("re-plans the reminders of open cases at once", async () => {
      // A SEV3 opened Wednesday 08:00 on 09:00–17:00 hours counts from 09:00: its 50 % (240 business
      // minutes) falls at 13:00. At 08:30 a lead opens Wednesday at 08:00, so it counts from 08:00 and
      // the 50 % falls at 12:00: the check planned for 13:00 would be an hour late.
      h.clock.set(la("2026-11-25 08:00"));
      await submitIntake(h, intakeValues());
      await h.settle();
      const [{ triage_ts: thread = "" } = {}] = sql<{ triage_ts: string }>("SELECT triage_ts FROM cases");
      const reminders = () => remindersIn(h.triageChannelId, thread);

      h.clock.set(la("2026-11-25 08:30"));
      const changed = await h.driver.command({
        text: "hours set wed 08:00-17:00",
        userId: USERS.lead,
        channelId: h.triageChannelId,
      });
      expect((changed.body as { text?: string }).text).toContain("08:00");
      await h.settle();
      h.clock.set(la("2026-11-25 11:59"));
      await h.settle();
      expect(reminders()).toEqual([]);
      h.clock.set(la("2026-11-25 12:00"));
      await h.settle();
      await h.settle();
      expect(reminders()).toEqual([expect.stringContaining("First response is 50 % through")]);
    });
  });

  describe("App Home", () => {
    const openHome = async (userId: string) => {
      const before = h.fake.callsTo("views.publish").length;
      await h.driver.event({ event: { type: "app_home_opened", user: userId, tab: "home" } });
      await expect.poll(() => h.fake.callsTo("views.publish").length).toBeGreaterThan(before);
      return jsonText(h.fake.homeView(userId)?.blocks);
    };
    /** The SLA-at-risk part of the home tab, up to the next divider. */
    const atRiskPart = (home: string) =>
      home.slice(home.indexOf("SLA at risk"), home.indexOf("divider", home.indexOf("SLA at risk")));

    it("lists the cases with a clock at 90 % or past due, most urgent first; a consultant sees neither it nor the queue", async () => {
      const first = await openSev2("First");
      h.clock.set(first + 10 * MINUTE);
      await openSev2("Second");
      await submitIntake(h, intakeValues({ title: "A SEV3 that has all the time it needs" }));
      await h.settle();

      await settleAt(first, 100);
      expect(atRiskPart(await openHome(USERS.lead))).toContain("Nothing at risk");

      // Case 1 breached 5 minutes ago; case 2 is at 115 of its 120 minutes; case 3 (SEV3) is far from due.
      await settleAt(first, 125);
      const risk = atRiskPart(await openHome(USERS.lead));
      expect(risk).toContain("*TS-2026-0001* · SEV2 · Theft · :red_circle: First response breached 5 min ago");
      expect(risk).toContain("*TS-2026-0002* · SEV2 · Theft · :warning: First response 95 %, 5 min left");
      expect(risk.indexOf("TS-2026-0001")).toBeLessThan(risk.indexOf("TS-2026-0002"));
      expect(risk).not.toContain("TS-2026-0003");

      h.fake.addUser({ id: CONSULTANT, name: "legal" });
      await grantRole(h, CONSULTANT, "consultant");
      const consultantHome = await openHome(CONSULTANT);
      expect(consultantHome).toContain("Open cases you are consulted on");
      expect(consultantHome).not.toContain("SLA at risk");
      expect(consultantHome).not.toContain("Open queue");
      expect(consultantHome).not.toContain("TS-2026-000");
    });

    it("watches a case opened before SLA clocks existed once the upgraded bot starts", async () => {
      const first = await openSev2("Opened before the upgrade");
      // As a database from before SLA clocks holds it: no check ever ran and nothing is watched.
      h.desk.database.sqlite.prepare("DELETE FROM jobs WHERE kind LIKE 'sla.%'").run();
      h.desk.database.sqlite.prepare("DELETE FROM sla_watch").run();
      h.clock.set(first + 125 * MINUTE);
      expect(atRiskPart(await openHome(USERS.lead))).toContain("Nothing at risk");

      await h.restart();
      await h.settle();
      expect(atRiskPart(await openHome(USERS.lead))).toContain(
        "*TS-2026-0001* · SEV2 · Theft · :red_circle: First response breached 5 min ago",
      );
      // A later start adds no second check of the same case.
      await h.restart();
      expect(sql("SELECT id FROM jobs WHERE idempotency_key = 'sla.check:1:startup'")).toHaveLength(1);
    });

    it("shows who is on call now and the next hand-off, or how to set a rotation up", async () => {
      expect(await openHome(USERS.specialist)).toContain(
        "Nobody is on call — a lead can set up `/incident oncall layer add`",
      );

      await addOnCallPeople(h, [ON_CALL.ana, ON_CALL.ben]);
      // A daily rotation handing off at 09:00: Ana took it this Wednesday morning, Ben takes it Thursday.
      await addLayer(h, `daily always 09:00 1 ${who(ON_CALL.ana)} ${who(ON_CALL.ben)}`);
      const home = await openHome(USERS.specialist);
      expect(home).toContain(`Primary <@${ON_CALL.ana}> · secondary <@${ON_CALL.ben}> · layer *daily*`);
      expect(home).toContain(`Next hand-off ${slackDate(la("2026-11-26 09:00"))} to <@${ON_CALL.ben}> (daily)`);
      expect(home).not.toContain("Nobody is on call");
    });
  });
});
