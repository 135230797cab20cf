import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { INTAKE_BLOCK } from "../../src/slack/ids.ts";
import { stateValues } from "../slack-fake/index.ts";
import { webClientFor } from "../slack-fake/webClientFor.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { caseRows, intakeValues, openIntakeModal, submitIntake } from "../support/intake.ts";

describe("/incident intake", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it("opens the intake modal with the contract's callback and block ids", async () => {
    const viewId = await openIntakeModal(h);
    const view = h.fake.view(viewId);
    expect(view?.callback_id).toBe("incident_intake");
    const blockIds = ((view?.blocks ?? []) as Array<{ block_id?: string }>).map((b) => b.block_id);
    for (const id of [
      "title",
      "category",
      "severity",
      "description",
      "reporter",
      "respondent",
      "source",
      "occurred_at",
      "zendesk_ticket",
    ]) {
      expect(blockIds).toContain(id);
    }
  });

  it("records the case and its parties, and tells the submitter what happens next", async () => {
    const { status, body } = await submitIntake(h, intakeValues());
    expect(status).toBe(200);
    expect(body).toMatchObject({ response_action: "update", view: { title: { text: "Case opened" } } });
    const [row] = caseRows(h);
    expect(row).toMatchObject({
      human_id: "TS-2026-0001",
      category: "harassment",
      severity: "sev3",
      status: "new",
      created_by: USERS.specialist,
      source: "phone",
    });
    const parties = h.desk.database.sqlite
      .prepare(
        "SELECT p.party_role, a.account_ref, a.role FROM case_parties p JOIN accounts a ON a.id = p.account_id ORDER BY p.id",
      )
      .all();
    expect(parties).toEqual([
      { party_role: "reporter", account_ref: "cus_48213", role: "customer" },
      { party_role: "respondent", account_ref: "pro_9911", role: "pro" },
    ]);
    const events = h.desk.database.sqlite.prepare("SELECT kind, seq FROM case_events").all();
    expect(events).toEqual([{ kind: "case_opened", seq: 1 }]);
  });

  it("records one case when the same view is submitted twice", async () => {
    const viewId = await openIntakeModal(h);
    // A double click: both submissions carry the original view, before Slack applies either answer.
    const [first, second] = await Promise.all([
      h.driver.submitView({ viewId, userId: USERS.specialist, values: intakeValues() }),
      h.driver.submitView({ viewId, userId: USERS.specialist, values: intakeValues() }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(caseRows(h)).toHaveLength(1);
    await h.settle();
    expect(h.fake.messages(h.triageChannelId)).toHaveLength(1);
  });

  it.each<[string, Record<string, string | number | null>, string]>([
    ["an empty title", { title: "" }, INTAKE_BLOCK.title],
    ["a 5,000-character title", { title: "x".repeat(5000) }, INTAKE_BLOCK.title],
    ["a future occurred-at", { occurred_at: Math.floor(Date.UTC(2026, 10, 27) / 1000) }, INTAKE_BLOCK.occurredAt],
    ["a malformed Zendesk id", { zendesk_ticket: "ZD-48#1" }, INTAKE_BLOCK.zendeskTicket],
    ["a severity below the category's", { category: "physical-safety", severity: "sev4" }, INTAKE_BLOCK.severity],
    ["a reporter typed as a sentence", { reporter: "the lady from Tuesday" }, INTAKE_BLOCK.reporter],
  ])("answers %s with a field error on its block and records nothing", async (_name, patch, blockId) => {
    const { status, body } = await submitIntake(h, intakeValues(patch));
    expect(status).toBe(200);
    expect(body).toMatchObject({ response_action: "errors" });
    const errors = (body as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors)).toEqual([blockId]);
    expect(caseRows(h)).toHaveLength(0);
  });

  it("answers a category that is not in the catalog with a field error", async () => {
    const viewId = await openIntakeModal(h);
    const view = h.fake.view(viewId);
    const values = stateValues(view?.blocks ?? [], intakeValues(), () => undefined);
    values.category = {
      input: {
        type: "static_select",
        selected_option: { text: { type: "plain_text", text: "x" }, value: "space-piracy" },
      },
    };
    const payload = {
      type: "view_submission",
      team: { id: h.fake.teamId, domain: "fake" },
      user: { id: USERS.specialist, name: "spec", team_id: h.fake.teamId },
      api_app_id: h.fake.appId,
      view: { ...h.fake.viewPayload(viewId), state: { values } },
    };
    const res = await h.driver.raw({ body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() });
    expect(res.body).toMatchObject({
      response_action: "errors",
      errors: { category: "Pick a category from the list." },
    });
    expect(caseRows(h)).toHaveLength(0);
  });

  it("escapes user text so a typed <!channel> or <@U…> pings nobody", async () => {
    await submitIntake(
      h,
      intakeValues({
        title: "Escalate <!channel> now",
        description: "Tell <@U0LEAD1> & <!here> about <https://evil.example|this>",
      }),
    );
    await h.settle();
    const [post] = h.fake.messages(h.triageChannelId);
    const rendered = JSON.stringify(post?.blocks);
    expect(rendered).not.toContain("<!channel>");
    expect(rendered).not.toContain("<@U0LEAD1>");
    expect(rendered).not.toContain("<!here>");
    expect(rendered).not.toContain("<https://evil.example");
    expect(rendered).toContain("Escalate &lt;!channel&gt; now");
    expect(rendered).toContain("Tell &lt;@U0LEAD1&gt; &amp; &lt;!here&gt;");
  });

  it("tells the user plainly, at once, when Slack rate-limits the modal it opens", async () => {
    // The workspace already opened 100 modals this minute: views.open is Tier 4.
    const client = webClientFor(h.fake);
    const view = { type: "modal" as const, title: { type: "plain_text" as const, text: "Other" }, blocks: [] };
    for (let i = 0; i < 100; i++) {
      await client.views.open({ trigger_id: h.fake.issueTriggerId({ userId: USERS.lead }), view });
    }
    const startedAt = Date.now();
    const res = await h.driver.command({ text: "", userId: USERS.specialist, channelId: h.triageChannelId });
    expect(res.status).toBe(200);
    await expect.poll(() => h.fake.responses(res.responseUrl)).toHaveLength(1);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(h.fake.callsTo("views.open").at(-1)).toMatchObject({ status: 429, error: "ratelimited" });
    expect(h.fake.responses(res.responseUrl)[0]?.body).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringContaining("Slack is rate-limiting the bot right now. Try again in a minute."),
    });
    expect(h.fake.views().filter((v) => v.callback_id === "incident_intake")).toEqual([]);
  });
});
