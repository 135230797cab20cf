import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mediationChecklist, parseAmountMinor } from "../../src/core/mediation.ts";
import { ACTION, CALLBACK, MEDIATION_BLOCK, STATUS_BLOCK } from "../../src/slack/ids.ts";
import type { StoredView } from "../slack-fake/index.ts";
import { consultTeam } from "../support/consults.ts";
import { grantRole, type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";

type Reply = { response_type: string; text: string; blocks?: unknown[] };
type FieldErrors = { response_action: "errors"; errors: Record<string, string> };
type EventRow = { seq: number; kind: string; actor: string; payload: string; prev_hash: string; hash: string };

const CASE = "TS-2026-0001";
const ROOM = "ts-2026-0001-physical-safety";
const CONSULTANT = "U0LEGAL1";
const SEV1 = intakeValues({ category: "physical-safety", title: "Customer reports pro was violent on site" });

describe("investigation", () => {
  let h: Harness;
  let roomId: string;

  beforeEach(async () => {
    h = await startHarness();
    h.fake.addUser({ id: CONSULTANT, name: "legal" });
    await grantRole(h, CONSULTANT, "consultant");
    await submitIntake(h, SEV1);
    await h.settle();
    roomId = h.fake.channelByName(ROOM)?.id ?? "";
  });
  afterEach(() => h.close());

  const sqlite = () => h.desk.database.sqlite;
  const events = (caseId = 1) =>
    sqlite().prepare("SELECT * FROM case_events WHERE case_id = ? ORDER BY seq").all(caseId) as EventRow[];
  const mediationRows = () => sqlite().prepare("SELECT * FROM mediation_entries ORDER BY id").all();
  const pinnedSummary = () => h.fake.message(roomId, h.fake.pins(roomId)[0] ?? "");

  /** `/incident <text>`, by default in the case's war room. */
  const run = async (userId: string, commandText: string, channelId = roomId) => {
    const res = await h.driver.command({ text: commandText, userId, channelId });
    return { ...res, reply: res.body as Reply };
  };

  const newestView = (callbackId: string, userId: string): StoredView | undefined =>
    h.fake
      .views()
      .filter((v) => v.callback_id === callbackId && v.user === userId && v.open)
      .at(-1);

  /** Waits for the form a command or button opens and returns its id. */
  async function formOpened(callbackId: string, userId: string, opened: number): Promise<string> {
    await expect.poll(() => h.fake.callsTo("views.open").length).toBeGreaterThan(opened);
    const view = newestView(callbackId, userId);
    if (!view) throw new Error(`no ${callbackId} form opened: ${jsonText(h.fake.callsTo("views.open").at(-1))}`);
    return view.id;
  }

  async function openByCommand(userId: string, commandText: string, callbackId: string): Promise<string> {
    const opened = h.fake.callsTo("views.open").length;
    await run(userId, commandText);
    return formOpened(callbackId, userId, opened);
  }

  const clickSummary = (userId: string, actionId: string) =>
    h.driver.clickButton({ userId, channelId: roomId, messageTs: h.fake.pins(roomId)[0] ?? "", actionId });

  async function openByButton(userId: string, actionId: string, callbackId: string): Promise<string> {
    const opened = h.fake.callsTo("views.open").length;
    await clickSummary(userId, actionId);
    return formOpened(callbackId, userId, opened);
  }

  /** A button refusal arrives through the response_url, after the ack. */
  async function buttonRefusal(userId: string, actionId: string): Promise<string> {
    const click = await clickSummary(userId, actionId);
    await expect.poll(() => h.fake.responses(click.responseUrl).length).toBe(1);
    return jsonText(h.fake.responses(click.responseUrl)[0]?.body);
  }

  /** A form subcommand is checked before the form opens: a refusal is the command's own ephemeral answer. */
  async function commandRefusal(userId: string, commandText: string, channelId = roomId): Promise<Reply> {
    const opened = h.fake.callsTo("views.open").length;
    const { reply } = await run(userId, commandText, channelId);
    expect(h.fake.callsTo("views.open")).toHaveLength(opened);
    return reply;
  }

  const submit = (viewId: string, userId: string, values: Record<string, string | null>) =>
    h.driver.submitView({ viewId, userId, values });

  /** The options of a form's select, as the user sees them. */
  const selectOptions = (viewId: string, blockId: string): Array<{ value: string; label: string }> => {
    const block = h.fake.view(viewId)?.blocks.find((b) => (b as { block_id?: string }).block_id === blockId) as
      | { element: { options: Array<{ value: string; text: { text: string } }> } }
      | undefined;
    return block?.element.options.map((o) => ({ value: o.value, label: o.text.text })) ?? [];
  };
  const optionValues = (viewId: string, blockId: string) => selectOptions(viewId, blockId).map((o) => o.value);

  function expectChained(rows: EventRow[]): void {
    rows.forEach((row, i) => {
      expect(row.seq).toBe(i + 1);
      if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]?.hash);
    });
  }

  describe("change status", () => {
    it("moves the case from the summary button: one chained event, and the pinned summary and topic follow", async () => {
      const before = events();
      const viewId = await openByButton(USERS.specialist, ACTION.changeStatus, CALLBACK.status);
      expect(optionValues(viewId, STATUS_BLOCK.status)).toEqual(["triage", "investigating"]);

      const res = await submit(viewId, USERS.specialist, {
        status: "investigating",
        note: "Reporter reached by phone",
      });
      expect(res.status).toBe(200);
      expect(res.body).toBe("");
      const after = events();
      expect(after).toHaveLength(before.length + 1);
      expectChained(after);
      expect(after.at(-1)).toMatchObject({ kind: "status_changed", actor: USERS.specialist });
      expect(JSON.parse(after.at(-1)?.payload ?? "")).toEqual({
        note: "Reporter reached by phone",
        status: { from: "new", to: "investigating" },
      });
      expect(sqlite().prepare("SELECT status FROM cases").pluck().get()).toBe("investigating");

      await h.settle();
      expect(jsonText(pinnedSummary()?.blocks)).toContain("Investigating");
      expect(h.fake.channel(roomId)?.topic.value).toBe("TS-2026-0001 · SEV1 · Physical safety · Investigating");
    });

    it("offers only the moves the lifecycle allows, never merged or waiting on a consult", async () => {
      await submit(await openByCommand(USERS.specialist, "move", CALLBACK.status), USERS.specialist, {
        status: "investigating",
      });
      const viewId = await openByCommand(USERS.lead, `move ${CASE}`, CALLBACK.status);
      expect(optionValues(viewId, STATUS_BLOCK.status)).toEqual(["waiting_reporter", "waiting_respondent", "decision"]);
      await submit(viewId, USERS.lead, { status: "waiting_reporter" });
      await h.settle();
      expect(h.fake.channel(roomId)?.topic.value).toContain("Waiting on reporter");
      expect(events().filter((e) => e.kind === "status_changed")).toHaveLength(2);
    });

    it("sets the topic again only when the status moves, not on every change", async () => {
      await h.settle();
      const topicCalls = () => h.fake.callsTo("conversations.setTopic").length;
      const before = topicCalls();
      await run(USERS.specialist, `assign <@${USERS.lead}|dana>`);
      await h.settle();
      expect(jsonText(pinnedSummary()?.blocks)).toContain(`<@${USERS.lead}>`);
      expect(topicCalls()).toBe(before);
      await submit(await openByCommand(USERS.specialist, "move", CALLBACK.status), USERS.specialist, {
        status: "investigating",
      });
      await h.settle();
      expect(topicCalls()).toBe(before + 1);
    });

    it("answers a status that is no longer allowed with a field error and records nothing", async () => {
      const stale = await openByCommand(USERS.specialist, "move", CALLBACK.status);
      const fresh = await openByCommand(USERS.lead, "move", CALLBACK.status);
      await submit(fresh, USERS.lead, { status: "investigating" });
      const before = events();

      const res = await submit(stale, USERS.specialist, { status: "triage" });
      expect(res.body).toMatchObject({ response_action: "errors" });
      const errors = (res.body as FieldErrors).errors;
      expect(Object.keys(errors)).toEqual([STATUS_BLOCK.status]);
      expect(errors[STATUS_BLOCK.status]).toBe(
        "TS-2026-0001 is investigating now and cannot move to in triage. Pick another status.",
      );
      expect(events()).toEqual(before);
    });

    it("answers the status the case already has with a field error", async () => {
      const stale = await openByCommand(USERS.specialist, "move", CALLBACK.status);
      await submit(await openByCommand(USERS.lead, "move", CALLBACK.status), USERS.lead, { status: "investigating" });
      const res = await submit(stale, USERS.specialist, { status: "investigating" });
      expect((res.body as FieldErrors).errors).toEqual({ status: "TS-2026-0001 is already investigating." });
    });

    it("answers a note over 1,000 characters with a field error on the note", async () => {
      const viewId = await openByCommand(USERS.specialist, "move", CALLBACK.status);
      const before = events();
      const res = await submit(viewId, USERS.specialist, { status: "investigating", note: "x".repeat(1001) });
      expect((res.body as FieldErrors).errors).toEqual({ note: "Keep the note to 1000 characters or fewer." });
      expect(events()).toEqual(before);
    });

    it("refuses an observer, from the button and from the command", async () => {
      expect(await buttonRefusal(USERS.observer, ACTION.changeStatus)).toContain("not permitted");
      const reply = await commandRefusal(USERS.observer, "move");
      expect(reply).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("not permitted") });
      expect(newestView(CALLBACK.status, USERS.observer)).toBeUndefined();
    });

    it("refuses a consultant, even on a case they were consulted on", async () => {
      expect(await buttonRefusal(CONSULTANT, ACTION.changeStatus)).toContain("not permitted");
      await consultTeam(h, { caseId: 1, members: [CONSULTANT] });
      expect((await commandRefusal(CONSULTANT, `move ${CASE}`, h.triageChannelId)).text).toContain("not permitted");
    });

    it("does not record a change submitted after the submitter's role was removed", async () => {
      const viewId = await openByCommand(USERS.specialist, "move", CALLBACK.status);
      await grantRole(h, USERS.specialist, "observer");
      const before = events();
      const res = await submit(viewId, USERS.specialist, { status: "investigating" });
      expect(jsonText(res.body)).toContain("not permitted");
      expect(events()).toEqual(before);
    });
  });

  describe("assign", () => {
    it("makes the owner with one chained event, invites them to the war room and updates the summary", async () => {
      expect(h.fake.members(roomId)).not.toContain(USERS.lead);
      const before = events();
      const { reply } = await run(USERS.specialist, `assign <@${USERS.lead}|dana>`);
      expect(reply).toMatchObject({
        response_type: "ephemeral",
        text: `<@${USERS.lead}> now owns TS-2026-0001. They are being invited to <#${roomId}>.`,
      });
      const added = events().slice(before.length);
      expect(added.map((e) => e.kind)).toEqual(["owner_assigned"]);
      expect(JSON.parse(added[0]?.payload ?? "")).toEqual({ from: null, to: USERS.lead });
      expect(sqlite().prepare("SELECT owner_id FROM cases").pluck().get()).toBe(USERS.lead);

      await h.settle();
      expect(h.fake.members(roomId)).toContain(USERS.lead);
      expect(jsonText(pinnedSummary()?.blocks)).toContain(`*Owner*\\n<@${USERS.lead}>`);
      expectChained(events());

      const again = await run(USERS.lead, `assign <@${USERS.specialist}|alex> ${CASE}`, h.triageChannelId);
      expect(again.reply.text).toBe(
        `<@${USERS.specialist}> now owns TS-2026-0001 (was <@${USERS.lead}>). They are being invited to <#${roomId}>.`,
      );
    });

    it("refuses to reassign a case to its current owner", async () => {
      await run(USERS.specialist, `assign <@${USERS.lead}|dana>`);
      const before = events();
      const { reply } = await run(USERS.specialist, `assign <@${USERS.lead}|dana>`);
      expect(reply.text).toBe(`:warning: <@${USERS.lead}> already owns TS-2026-0001.`);
      expect(events()).toEqual(before);
    });

    it.each([
      ["an observer", USERS.observer],
      ["a consultant", CONSULTANT],
      ["someone without a role", "U0NOBODY"],
    ])("refuses %s as owner, with a clear reason", async (_who, assignee) => {
      const before = events();
      const { reply } = await run(USERS.specialist, `assign <@${assignee}>`);
      expect(reply.text).toContain(`<@${assignee}> cannot own cases`);
      expect(events()).toEqual(before);
    });

    it("refuses an observer, and a consultant not consulted on the case", async () => {
      expect((await run(USERS.observer, `assign <@${USERS.lead}>`)).reply.text).toContain("not permitted");
      expect((await run(CONSULTANT, `assign <@${USERS.lead}> ${CASE}`, h.triageChannelId)).reply.text).toContain(
        "not permitted",
      );
    });

    it.each(["assign", "assign dana", `assign <@${USERS.lead}> ${CASE} extra`])(
      "explains the usage of `%s`",
      async (t) => {
        expect((await run(USERS.specialist, t)).reply.text).toContain("Usage: `/incident assign @user");
      },
    );

    it("asks for a case outside a war room", async () => {
      const { reply } = await run(USERS.specialist, `assign <@${USERS.lead}>`, h.triageChannelId);
      expect(reply.text).toContain("Name a case");
    });
  });

  describe("timeline", () => {
    /** Alternating owners: each assignment is one event. */
    async function addEvents(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        await run(USERS.lead, `assign <@${i % 2 === 0 ? USERS.lead : USERS.specialist}>`);
      }
    }

    it("shows the last n events with number, kind, actor, time and short hash", async () => {
      await addEvents(2);
      const all = events();
      const { reply } = await run(USERS.observer, `timeline ${CASE} 2`, h.triageChannelId);
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
      const byDefault = (await run(USERS.specialist, "timeline")).reply;
      expect(byDefault.blocks).toHaveLength(15 + 2);
      const most = (await run(USERS.specialist, "timeline 500")).reply;
      expect(most.blocks).toHaveLength(40 + 2);
      expect(jsonText(most.blocks)).toContain(`*#${events().length}*`);
    });

    it("refuses a count below 1 and stray words", async () => {
      expect((await run(USERS.specialist, "timeline 0")).reply.text).toContain("Ask for 1 to 40 events");
      expect((await run(USERS.specialist, `timeline ${CASE} many`)).reply.text).toContain("Usage:");
    });

    it("refuses the timeline to a consultant, even on a case they were consulted on", async () => {
      expect((await run(CONSULTANT, `timeline ${CASE}`, h.triageChannelId)).reply.text).toContain("not permitted");
      await consultTeam(h, { caseId: 1, members: [CONSULTANT] });
      expect((await run(CONSULTANT, `timeline ${CASE}`, h.triageChannelId)).reply.text).toContain("not permitted");
    });
  });

  describe("verify", () => {
    it("reports an intact chain, records nothing, then names the first event edited behind the app's back", async () => {
      await run(USERS.specialist, `assign <@${USERS.lead}>`);
      const before = events();
      const intact = (await run(USERS.observer, `verify ${CASE}`, h.triageChannelId)).reply;
      expect(intact).toMatchObject({
        response_type: "ephemeral",
        text: `:white_check_mark: TS-2026-0001: chain intact: ${before.length} events, last hash \`${before.at(-1)?.hash}\`.`,
      });
      expect(events()).toEqual(before);

      const warn = vi.spyOn(h.desk.deps.log, "warn");
      sqlite().exec("DROP TRIGGER case_events_no_update");
      sqlite().prepare("UPDATE case_events SET actor = 'U0FORGED' WHERE case_id = 1 AND seq = 2").run();
      sqlite().prepare("UPDATE case_events SET payload = '{}' WHERE case_id = 1 AND seq = 4").run();
      const broken = (await run(USERS.specialist, "verify")).reply;
      expect(broken.text).toContain(":rotating_light: TS-2026-0001: chain broken at event #2: hash does not match.");
      expect(warn).toHaveBeenCalledWith(
        { caseId: CASE, seq: 2, reason: "hash does not match" },
        "case record chain broken",
      );
      expect(events()).toHaveLength(before.length);
    });

    it("refuses a consultant, consulted or not", async () => {
      expect((await run(CONSULTANT, `verify ${CASE}`, h.triageChannelId)).reply.text).toContain("not permitted");
      await consultTeam(h, { caseId: 1, members: [CONSULTANT] });
      expect((await run(CONSULTANT, `verify ${CASE}`, h.triageChannelId)).reply.text).toContain("not permitted");
    });
  });

  describe("mediation", () => {
    const partyOf = (viewId: string, label: string): string =>
      selectOptions(viewId, MEDIATION_BLOCK.party).find((o) => o.label.startsWith(label))?.value ?? "";

    async function mediationForm(userId: string = USERS.specialist): Promise<{ viewId: string; reporter: string }> {
      const viewId = await openByCommand(userId, "mediate", CALLBACK.mediation);
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
      const before = events();
      const viewId = await openByButton(USERS.specialist, ACTION.logMediation, CALLBACK.mediation);
      const labels = selectOptions(viewId, MEDIATION_BLOCK.party).map((o) => o.label);
      expect(labels).toEqual(["Reporter · customer cus_48213", "Respondent · pro pro_9911"]);

      const res = await submit(viewId, USERS.specialist, entry(partyOf(viewId, "Reporter")));
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
      const added = events().slice(before.length);
      expect(added.map((e) => e.kind)).toEqual(["mediation_logged"]);
      expect(JSON.parse(added[0]?.payload ?? "")).toMatchObject({
        party: { role: "reporter", accountRef: "cus_48213", accountRole: "customer" },
        offer: { kind: "refund", amountMinor: 12050, currency: "EUR" },
        outcome: "agreement",
      });
      expectChained(events());

      await h.settle();
      expect(jsonText(pinnedSummary()?.blocks)).toContain(
        "reporter `cus_48213` by phone · refund 120.50 EUR · *agreement*",
      );
    });

    it("logs a contact without an offer, keeping no amount or currency", async () => {
      const { viewId } = await mediationForm();
      const respondent = partyOf(viewId, "Respondent");
      await submit(viewId, USERS.specialist, entry(respondent, { offer: "none", amount: null, outcome: "pending" }));
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
      [
        "an amount over 1,000,000",
        { amount: "1000000.01" },
        MEDIATION_BLOCK.amount,
        "An offer is at most 1,000,000.00.",
      ],
      [
        "an amount without a money offer",
        { offer: "redo", amount: "50" },
        MEDIATION_BLOCK.amount,
        "Only a refund or a partial credit has an amount; leave it empty.",
      ],
    ])("answers %s with a field error on its block and records nothing", async (_name, patch, blockId, message) => {
      const { viewId, reporter } = await mediationForm();
      const before = events();
      const res = await submit(viewId, USERS.specialist, entry(reporter, patch));
      expect(res.status).toBe(200);
      expect((res.body as FieldErrors).errors).toEqual({ [blockId]: message });
      expect(mediationRows()).toEqual([]);
      expect(events()).toEqual(before);
    });

    it("logs one entry when the same form is submitted twice", async () => {
      const { viewId, reporter } = await mediationForm();
      const before = events();
      // A double click: both submissions carry the original view, before Slack applies either answer.
      const [first, second] = await Promise.all([
        submit(viewId, USERS.specialist, entry(reporter)),
        submit(viewId, USERS.specialist, entry(reporter)),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(mediationRows()).toHaveLength(1);
      expect(events()).toHaveLength(before.length + 1);
    });

    it("logs a second entry from a second form", async () => {
      const one = await mediationForm();
      await submit(one.viewId, USERS.specialist, entry(one.reporter));
      const two = await mediationForm(USERS.lead);
      await submit(two.viewId, USERS.lead, entry(two.reporter, { outcome: "withdrawn" }));
      expect(mediationRows()).toHaveLength(2);
    });

    it("refuses an observer, from the button and from the command", async () => {
      expect(await buttonRefusal(USERS.observer, ACTION.logMediation)).toContain("not permitted");
      expect((await commandRefusal(USERS.observer, "mediate")).text).toContain("not permitted");
      expect(newestView(CALLBACK.mediation, USERS.observer)).toBeUndefined();
    });

    it("refuses a consultant not consulted on the case, the same as for a case that does not exist", async () => {
      expect(await buttonRefusal(CONSULTANT, ACTION.logMediation)).toContain("not permitted");
      const existing = await commandRefusal(CONSULTANT, `mediate ${CASE}`, h.triageChannelId);
      const missing = await commandRefusal(CONSULTANT, "mediate TS-2026-0999", h.triageChannelId);
      expect(existing.text).toContain("not permitted");
      expect(missing.text).toBe(existing.text);
    });

    it("shows a property-damage case its mediation checklist in the form", async () => {
      await submitIntake(h, intakeValues({ category: "property-damage", title: "Floor scratched during install" }));
      const opened = h.fake.callsTo("views.open").length;
      await run(USERS.specialist, "mediate TS-2026-0002", h.triageChannelId);
      const viewId = await formOpened(CALLBACK.mediation, USERS.specialist, opened);
      await submit(viewId, USERS.specialist, entry(partyOf(viewId, "Reporter"), { outcome: "pending" }));

      const again = await openByCommand(USERS.specialist, "mediate TS-2026-0002", CALLBACK.mediation);
      const checklist = jsonText(h.fake.view(again)?.blocks);
      expect(checklist).toContain(":white_check_mark: Contact the reporter");
      expect(checklist).toContain(":white_circle: Contact the respondent");
      expect(checklist).toContain(":white_check_mark: Make an offer");
      expect(checklist).toContain(":white_circle: Record the outcome");
      expect(jsonText(h.fake.view(await mediationForm().then((f) => f.viewId))?.blocks)).not.toContain(
        "Mediation first",
      );
    });
  });

  describe("mediation rules", () => {
    it.each<[string, number | string]>([
      ["120", 12000],
      ["120.5", 12050],
      ["0.01", 1],
      ["1,250.50", 125050],
      ["1000000", 100000000],
      ["12,5", "Enter an amount"],
      ["1.999", "Enter an amount"],
      ["1000000.01", "at most"],
      ["0.00", "more than 0"],
    ])("reads %s", (typed, expected) => {
      const parsed = parseAmountMinor(typed);
      if (typeof expected === "number") expect(parsed).toEqual({ minor: expected });
      else expect("error" in parsed && parsed.error).toContain(expected);
    });

    it("walks a Guarantee claim through contact, offer and outcome, and has no checklist elsewhere", () => {
      const steps = (entries: Parameters<typeof mediationChecklist>[1]) =>
        mediationChecklist("property-damage", entries).map((s) => s.done);
      expect(steps([])).toEqual([false, false, false, false]);
      expect(steps([{ partyRole: "respondent", offerKind: "redo", outcome: "pending" }])).toEqual([
        false,
        true,
        true,
        false,
      ]);
      expect(
        steps([
          { partyRole: "reporter", offerKind: "none", outcome: "pending" },
          { partyRole: "respondent", offerKind: "refund", outcome: "agreement" },
        ]),
      ).toEqual([true, true, true, true]);
      expect(mediationChecklist("harassment", [])).toEqual([]);
    });
  });

  describe("account history", () => {
    it("shows each party's prior cases and their outcomes on the intake confirmation", async () => {
      await submit(await openByCommand(USERS.specialist, "move", CALLBACK.status), USERS.specialist, {
        status: "investigating",
      });
      const { body } = await submitIntake(h, intakeValues({ respondent: "pro_7777", respondent_name: "Other Pro" }));
      // The modal the submitter sees once the case is recorded.
      const history = jsonText((body as { view?: { blocks?: unknown } }).view?.blocks);
      expect(history).toContain(
        "*Reporter:* Dana R. (customer `cus_48213`) · 1 prior: TS-2026-0001 Physical safety (investigating)",
      );
      expect(history).toContain("*Respondent:* Other Pro (pro `pro_7777`) · no prior cases");
    });
  });
});
