import { describe, expect, it } from "vitest";
import { MEDIATION_BLOCK, MEDIATION_FORM } from "../../src/slack/listeners/caseForms/mediationForm.ts";
import { USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import {
  SEV1_CASE as CASE,
  CONSULTANT,
  expectChained,
  type FieldErrors,
  useSev1WarRoom,
} from "../support/sev1WarRoom.ts";

const room = useSev1WarRoom();

const mediationRows = () => room.sqlite().prepare("SELECT * FROM mediation_entries ORDER BY id").all();

describe("mediation", () => {
  const partyOf = (viewId: string, label: string): string =>
    room.selectOptions(viewId, MEDIATION_BLOCK.party).find((o) => o.label.startsWith(label))?.value ?? "";

  async function mediationForm(userId: string = USERS.specialist): Promise<{ viewId: string; reporter: string }> {
    const viewId = await room.openByCommand(userId, "mediate", MEDIATION_FORM.callbackId);
    return { viewId, reporter: partyOf(viewId, "Reporter") };
  }

  const entry = (party: string, patch: Record<string, string | null> = {}) => ({
    party,
    channel: "phone",
    summary: "Called the customer; they accept a partial refund for the damaged floor.",
    offer: "refund",
    amount: "120.50",
    currency: "EUR",
    outcome: "agreement",
    ...patch,
  });

  it("logs a contact with an offer from the summary button: entry, one chained event, summary updated", async () => {
    const before = room.events();
    const viewId = await room.openByButton(USERS.specialist, MEDIATION_FORM.button.actionId, MEDIATION_FORM.callbackId);
    const labels = room.selectOptions(viewId, MEDIATION_BLOCK.party).map((o) => o.label);
    expect(labels).toEqual(["Reporter · customer cus_48213", "Respondent · pro pro_9911"]);

    const res = await room.submit(viewId, USERS.specialist, entry(partyOf(viewId, "Reporter")));
    expect(res.body).toBe("");
    expect(mediationRows()).toEqual([
      expect.objectContaining({
        case_id: 1,
        channel: "phone",
        offer_kind: "refund",
        offer_amount_minor: 12050,
        offer_currency: "EUR",
        outcome: "agreement",
        logged_by: USERS.specialist,
      }),
    ]);
    const added = room.events().slice(before.length);
    expect(added.map((e) => e.kind)).toEqual(["mediation_logged"]);
    expect(JSON.parse(added[0]?.payload ?? "")).toMatchObject({
      party: { role: "reporter", accountRef: "cus_48213", accountRole: "customer" },
      offer: { kind: "refund", amountMinor: 12050, currency: "EUR" },
      outcome: "agreement",
    });
    expectChained(room.events());

    await room.h.settle();
    expect(jsonText(room.pinnedSummary()?.blocks)).toContain(
      "reporter `cus_48213` by phone · refund 120.50 EUR · *agreement*",
    );
  });

  it("logs a contact without an offer, keeping no amount or currency", async () => {
    const { viewId } = await mediationForm();
    const respondent = partyOf(viewId, "Respondent");
    await room.submit(viewId, USERS.specialist, entry(respondent, { offer: "none", amount: null, outcome: "pending" }));
    expect(mediationRows()).toEqual([
      expect.objectContaining({ offer_kind: "none", offer_amount_minor: null, offer_currency: null }),
    ]);
  });

  it.each<[string, Record<string, string | null>, string, string]>([
    ["an empty summary", { summary: "   " }, MEDIATION_BLOCK.summary, "Summarise the contact."],
    [
      "a summary over 2,000 characters",
      { summary: "x".repeat(2001) },
      MEDIATION_BLOCK.summary,
      "Keep the summary to 2000 characters or fewer.",
    ],
    ["a refund without an amount", { amount: null }, MEDIATION_BLOCK.amount, "A refund needs an amount."],
    [
      "a partial credit without an amount",
      { offer: "partial_credit", amount: "" },
      MEDIATION_BLOCK.amount,
      "A partial credit needs an amount.",
    ],
    ["an amount of 0", { amount: "0" }, MEDIATION_BLOCK.amount, "The amount must be more than 0."],
    ["a negative amount", { amount: "-20" }, MEDIATION_BLOCK.amount, "The amount must be more than 0."],
    [
      "an amount typed as 12,5abc",
      { amount: "12,5abc" },
      MEDIATION_BLOCK.amount,
      "Enter an amount like 120 or 120.50: digits, at most two decimals.",
    ],
    ["an amount over 1,000,000", { amount: "1000000.01" }, MEDIATION_BLOCK.amount, "An offer is at most 1,000,000.00."],
    [
      "an amount without a money offer",
      { offer: "redo", amount: "50" },
      MEDIATION_BLOCK.amount,
      "Only a refund or a partial credit has an amount; leave it empty.",
    ],
  ])("answers %s with a field error on its block and records nothing", async (_name, patch, blockId, message) => {
    const { viewId, reporter } = await mediationForm();
    const before = room.events();
    const res = await room.submit(viewId, USERS.specialist, entry(reporter, patch));
    expect(res.status).toBe(200);
    expect((res.body as FieldErrors).errors).toEqual({ [blockId]: message });
    expect(mediationRows()).toEqual([]);
    expect(room.events()).toEqual(before);
  });

  it("logs one entry when the same form is submitted twice", async () => {
    const { viewId, reporter } = await mediationForm();
    const before = room.events();
    // A double click: both submissions carry the original view, before Slack applies either answer.
    const [first, second] = await Promise.all([
      room.submit(viewId, USERS.specialist, entry(reporter)),
      room.submit(viewId, USERS.specialist, entry(reporter)),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(mediationRows()).toHaveLength(1);
    expect(room.events()).toHaveLength(before.length + 1);
  });

  it("logs a second entry from a second form", async () => {
    const one = await mediationForm();
    await room.submit(one.viewId, USERS.specialist, entry(one.reporter));
    const two = await mediationForm(USERS.lead);
    await room.submit(two.viewId, USERS.lead, entry(two.reporter, { outcome: "withdrawn" }));
    expect(mediationRows()).toHaveLength(2);
  });

  it("refuses an observer, from the button and from the command", async () => {
    expect(await room.buttonRefusal(USERS.observer, MEDIATION_FORM.button.actionId)).toContain("not permitted");
    expect((await room.commandRefusal(USERS.observer, "mediate")).text).toContain("not permitted");
    expect(room.newestView(MEDIATION_FORM.callbackId, USERS.observer)).toBeUndefined();
  });

  it("refuses a consultant not consulted on the case, the same as for a case that does not exist", async () => {
    expect(await room.buttonRefusal(CONSULTANT, MEDIATION_FORM.button.actionId)).toContain("not permitted");
    const existing = await room.commandRefusal(CONSULTANT, `mediate ${CASE}`, room.h.triageChannelId);
    const missing = await room.commandRefusal(CONSULTANT, "mediate TS-2026-0999", room.h.triageChannelId);
    expect(existing.text).toContain("not permitted");
    expect(missing.text).toBe(existing.text);
  });

  /** Opens a property-damage case, logs a pending contact with one party, and reads the checklist a new form shows. */
  async function checklistAfterContacting(party: "Reporter" | "Respondent"): Promise<string> {
    await submitIntake(room.h, intakeValues({ category: "property-damage", title: "Floor scratched during install" }));
    const opened = room.h.fake.callsTo("views.open").length;
    await room.run(USERS.specialist, "mediate TS-2026-0002", room.h.triageChannelId);
    const viewId = await room.formOpened(MEDIATION_FORM.callbackId, USERS.specialist, opened);
    await room.submit(viewId, USERS.specialist, entry(partyOf(viewId, party), { outcome: "pending" }));
    const again = await room.openByCommand(USERS.specialist, "mediate TS-2026-0002", MEDIATION_FORM.callbackId);
    return jsonText(room.h.fake.view(again)?.blocks);
  }

  it("shows a property-damage case its mediation checklist in the form", async () => {
    const checklist = await checklistAfterContacting("Reporter");
    expect(checklist).toContain(":white_check_mark: Contact the reporter");
    expect(checklist).toContain(":white_circle: Contact the respondent");
    expect(checklist).toContain(":white_check_mark: Make an offer");
    expect(checklist).toContain(":white_circle: Record the outcome");
    expect(jsonText(room.h.fake.view(await mediationForm().then((f) => f.viewId))?.blocks)).not.toContain(
      "Mediation first",
    );
  });
  it("ticks the step of the party actually contacted, not the case's first party", async () => {
    const checklist = await checklistAfterContacting("Respondent");
    expect(checklist).toContain(":white_circle: Contact the reporter");
    expect(checklist).toContain(":white_check_mark: Contact the respondent");
  });
});
