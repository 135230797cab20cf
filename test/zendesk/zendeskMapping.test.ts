import { afterEach, describe, expect, it } from "vitest";
import { ZENDESK_MAPPING_BLOCK as B, CALLBACK } from "../../src/slack/ids.ts";
import { openFormByCommand } from "../support/caseForms.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { deliver, MAPPING, saveMapping, startZendeskDesk, ticketCreated } from "./zendeskDesk.ts";

let h: Harness;
afterEach(() => h.close());

const openMapping = (userId: string) =>
  openFormByCommand(h, { text: "zendesk", userId, channelId: h.triageChannelId, callbackId: CALLBACK.zendeskMapping });
const mappings = () =>
  h.desk.database.sqlite
    .prepare("SELECT version, saved_by, mapping FROM zendesk_mappings ORDER BY version")
    .all() as Array<{
    version: number;
    saved_by: string;
    mapping: string;
  }>;
const FORM = {
  [B.categoryRules]: MAPPING.category_rules,
  [B.severityRules]: MAPPING.severity_rules,
  [B.defaultCategory]: "service-quality",
  [B.defaultSeverity]: null,
  [B.unmapped]: "ignore",
  [B.reporterRef]: "requester_id",
  [B.reporterRole]: "customer",
};

describe("/incident zendesk", () => {
  it("lets a lead save a new mapping version, recorded with who saved it", async () => {
    h = await startZendeskDesk();
    const viewId = await openMapping(USERS.lead);
    const res = await h.driver.submitView({ viewId, userId: USERS.lead, values: FORM });
    expect(res.status).toBe(200);
    const [saved, ...more] = mappings();
    expect(more).toEqual([]);
    expect(saved).toMatchObject({ version: 1, saved_by: USERS.lead });
    expect(JSON.parse(saved?.mapping ?? "{}").categoryByTag).toContainEqual({ tag: "abuse", category: "harassment" });
    // The saved mapping decides the next ticket.
    expect((await deliver(h, ticketCreated({ tags: ["abuse"] }))).json.outcome).toBe("case_opened");
  });

  it("refuses an unknown category with an error on the rules field, and saves nothing", async () => {
    h = await startZendeskDesk();
    const viewId = await openMapping(USERS.lead);
    const res = await h.driver.submitView({
      viewId,
      userId: USERS.lead,
      values: { ...FORM, [B.categoryRules]: "abuse = harassment\nweird = not-a-category" },
    });
    expect(res.body).toEqual({
      response_action: "errors",
      errors: { [B.categoryRules]: 'Line 2: "not-a-category" is not a category id.' },
    });
    expect(mappings()).toEqual([]);
  });

  it("refuses a specialist with an ephemeral answer and opens no modal", async () => {
    h = await startZendeskDesk();
    const opened = h.fake.callsTo("views.open").length;
    const res = await h.driver.command({ text: "zendesk", userId: USERS.specialist, channelId: h.triageChannelId });
    expect(JSON.stringify(res.body)).toContain("not permitted");
    expect(h.fake.callsTo("views.open")).toHaveLength(opened);
  });

  it("shows a lead the tickets it ignored, by id and reason only", async () => {
    h = await startZendeskDesk();
    saveMapping(h);
    await deliver(h, ticketCreated({ ticketId: "4242", tags: ["billing"], subject: "Refund for Jane Roe" }));
    const viewId = await openMapping(USERS.lead);
    const shown = JSON.stringify(h.fake.view(viewId)?.blocks);
    expect(shown).toContain("#4242 · no rule matched");
    expect(shown).not.toContain("Jane Roe");
  });
});

describe("the webhook's edges", () => {
  it("is not served (404) when ZENDESK_WEBHOOK_SECRET is not set", async () => {
    h = await startHarness();
    const res = await fetch(`${h.baseUrl}/webhooks/zendesk`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
  });

  it("logs ticket ids and reasons, never the subject, description or requester", async () => {
    const lines: string[] = [];
    h = await startZendeskDesk({ logTo: { write: (line) => void lines.push(line) } });
    saveMapping(h);
    const secret = { subject: "Jane Roe was assaulted", description: "jane.roe@example.com 555-0100" };
    await deliver(h, ticketCreated({ ticketId: "9911", tags: ["abuse"], ...secret }));
    await deliver(h, ticketCreated({ ticketId: "9912", priority: "CRITICAL", ...secret }));
    const log = lines.join("");
    expect(log).toContain('"ticketId":"9911"');
    const refused = lines.find((l) => l.includes('"ticketId":"9912"'));
    expect(refused).toContain('"reason":"detail.priority: must be low, normal, high or urgent"');
    for (const text of [secret.subject, secret.description, "Jane", "example.com"]) expect(log).not.toContain(text);
  });
});
