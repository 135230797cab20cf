import { describe, expect, it } from "vitest";
import { slackDate } from "../../src/slack/views/mrkdwn.ts";
import { moveCase } from "../support/caseState.ts";
import { grantRole, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { addLayer, addOnCallPeople, ON_CALL, who } from "../support/onCall.ts";
import { MINUTE, useSlaDesk } from "../support/slaDesk.ts";
import { la } from "../support/wallTime.ts";

const CONSULTANT = "U0LEGAL1";

const desk = useSlaDesk();

describe("SLA clocks and reminders", () => {
  describe("App Home", () => {
    const openHome = async (userId: string) => {
      const before = desk.h.fake.callsTo("views.publish").length;
      await desk.h.driver.event({ event: { type: "app_home_opened", user: userId, tab: "home" } });
      await expect.poll(() => desk.h.fake.callsTo("views.publish").length).toBeGreaterThan(before);
      return jsonText(desk.h.fake.homeView(userId)?.blocks);
    };
    /** The SLA-at-risk part of the home tab, up to the next divider. */
    const atRiskPart = (home: string) =>
      home.slice(home.indexOf("SLA at risk"), home.indexOf("divider", home.indexOf("SLA at risk")));

    it("lists the cases with a clock at 90 % or past due, most urgent first; a consultant sees neither it nor the queue", async () => {
      const first = await desk.openSev2("First");
      desk.h.clock.set(first + 10 * MINUTE);
      await desk.openSev2("Second");
      await submitIntake(desk.h, intakeValues({ title: "A SEV3 that has all the time it needs" }));
      await desk.h.settle();

      await desk.settleAt(first, 100);
      expect(atRiskPart(await openHome(USERS.lead))).toContain("Nothing at risk");

      // Case 1 breached 5 minutes ago; case 2 is at 115 of its 120 minutes; case 3 (SEV3) is far from due.
      await desk.settleAt(first, 125);
      const risk = atRiskPart(await openHome(USERS.lead));
      expect(risk).toContain("*TS-2026-0001* · SEV2 · Theft · :red_circle: First response breached 5 min ago");
      expect(risk).toContain("*TS-2026-0002* · SEV2 · Theft · :warning: First response 95 %, 5 min left");
      expect(risk.indexOf("TS-2026-0001")).toBeLessThan(risk.indexOf("TS-2026-0002"));
      expect(risk).not.toContain("TS-2026-0003");

      desk.h.fake.addUser({ id: CONSULTANT, name: "legal" });
      await grantRole(desk.h, CONSULTANT, "consultant");
      const consultantHome = await openHome(CONSULTANT);
      expect(consultantHome).toContain("Open cases you are consulted on");
      expect(consultantHome).not.toContain("SLA at risk");
      expect(consultantHome).not.toContain("Open queue");
      expect(consultantHome).not.toContain("TS-2026-000");
    });

    it("forgets a finished case's clocks in the transaction that finishes it, and watches them again on appeal", async () => {
      const first = await desk.openSev2("Breached, then resolved");
      await desk.settleAt(first, 125);
      expect(atRiskPart(await openHome(USERS.lead))).toContain("*TS-2026-0001*");

      moveCase(desk.h, "TS-2026-0001", "triage", USERS.lead);
      moveCase(desk.h, "TS-2026-0001", "resolved", USERS.lead);
      // Before any job runs: App Home's risk index holds open cases only, however many cases have finished.
      expect(desk.sql("SELECT case_id FROM sla_watch")).toEqual([]);
      expect(atRiskPart(await openHome(USERS.lead))).toContain("Nothing at risk");

      // An appeal starts the appeal clock afresh: the case is watched again, not yet at risk.
      moveCase(desk.h, "TS-2026-0001", "appealed", USERS.lead);
      await desk.h.settle();
      expect(desk.sql("SELECT case_id FROM sla_watch WHERE risk_at IS NOT NULL")).toEqual([{ case_id: 1 }]);
    });

    it("watches a case opened before SLA clocks existed once the upgraded bot starts", async () => {
      const first = await desk.openSev2("Opened before the upgrade");
      // As a database from before SLA clocks holds it: no check ever ran and nothing is watched.
      desk.h.desk.database.sqlite.prepare("DELETE FROM jobs WHERE kind LIKE 'sla.%'").run();
      desk.h.desk.database.sqlite.prepare("DELETE FROM sla_watch").run();
      desk.h.clock.set(first + 125 * MINUTE);
      expect(atRiskPart(await openHome(USERS.lead))).toContain("Nothing at risk");

      await desk.h.restart();
      await desk.h.settle();
      expect(atRiskPart(await openHome(USERS.lead))).toContain(
        "*TS-2026-0001* · SEV2 · Theft · :red_circle: First response breached 5 min ago",
      );
      // A later start adds no second check of the same case.
      await desk.h.restart();
      expect(desk.sql("SELECT id FROM jobs WHERE idempotency_key = 'sla.check:1:startup'")).toHaveLength(1);
    });

    it("shows who is on call now and the next hand-off, or how to set a rotation up", async () => {
      expect(await openHome(USERS.specialist)).toContain(
        "Nobody is on call — a lead can set up `/incident oncall layer add`",
      );

      await addOnCallPeople(desk.h, [ON_CALL.ana, ON_CALL.ben]);
      // A daily rotation handing off at 09:00: Ana took it this Wednesday morning, Ben takes it Thursday.
      await addLayer(desk.h, `daily always 09:00 1 ${who(ON_CALL.ana)} ${who(ON_CALL.ben)}`);
      const home = await openHome(USERS.specialist);
      expect(home).toContain(`Primary <@${ON_CALL.ana}> · secondary <@${ON_CALL.ben}> · layer *daily*`);
      expect(home).toContain(`Next hand-off ${slackDate(la("2026-11-26 09:00"))} to <@${ON_CALL.ben}> (daily)`);
      expect(home).not.toContain("Nobody is on call");
    });
  });
});
