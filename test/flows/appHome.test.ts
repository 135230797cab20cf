import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackDate } from "../../src/slack/views/mrkdwn.ts";
import { grantRole, type Harness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { addLayer, addOnCallPeople, ON_CALL, who } from "../support/onCall.ts";
import { MINUTE, SlaDesk } from "../support/slaDesk.ts";
import { la } from "../support/wallTime.ts";

const CONSULTANT = "U0LEGAL1";

const desk = new SlaDesk();
const { sql, settleAt, openSev2 } = desk;
let h: Harness;

beforeEach(async () => {
  h = await desk.open();
});
afterEach(desk.close);

describe("SLA clocks and reminders", () => {
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
