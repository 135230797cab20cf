import type { ViewsOpenResponse, ViewsPublishResponse, WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeClock } from "../support/fakeClock.ts";
import { type SlackFake, startSlackFake } from "./index.ts";
import { refusal, webClientFor } from "./webClientFor.ts";

const ANA = "U0ANA01";
const plain = (text: string) => ({ type: "plain_text" as const, text });
const input = (blockId: string) => ({
  type: "input",
  block_id: blockId,
  label: plain("Summary"),
  element: { type: "plain_text_input", action_id: "value" },
});
const modal = (extra: Record<string, unknown> = {}) => ({
  type: "modal" as const,
  callback_id: "intake",
  title: plain("Report an incident"),
  submit: plain("Report"),
  close: plain("Cancel"),
  blocks: [input("summary")],
  ...extra,
});
const dividers = (n: number) => Array.from({ length: n }, () => ({ type: "divider" }));

let clock: FakeClock;
let fake: SlackFake;
let client: WebClient;

beforeEach(async () => {
  clock = new FakeClock();
  fake = await startSlackFake({ now: () => clock.now(), users: [{ id: ANA, name: "ana" }] });
  client = webClientFor(fake);
});

afterEach(() => fake.close());

/** Through apiCall, since the client's View type cannot express the deliberately invalid views. */
const open = async (view: Record<string, unknown>): Promise<ViewsOpenResponse> =>
  client.apiCall("views.open", { trigger_id: fake.issueTriggerId({ userId: ANA }), view });
const publish = async (view: Record<string, unknown>): Promise<ViewsPublishResponse> =>
  client.apiCall("views.publish", { user_id: ANA, view });
const errorMessages = async (call: Promise<unknown>) => {
  const refused = await refusal(call);
  expect(refused.error).toBe("invalid_arguments");
  return refused.response_metadata?.messages;
};

describe("views.open and trigger ids", () => {
  it("opens a modal for the person whose interaction issued the trigger", async () => {
    const { view } = await open(modal({ private_metadata: "case=1" }));
    expect(view).toMatchObject({ type: "modal", callback_id: "intake", private_metadata: "case=1" });
    expect(view?.id).toMatch(/^V/);
    expect(view?.hash).toEqual(expect.any(String));
    expect(fake.view(view?.id ?? "")).toMatchObject({ user: ANA, open: true, root_view_id: view?.id });
  });

  it("refuses an unknown trigger, a used one, and one older than 3 seconds", async () => {
    expect((await refusal(client.views.open({ trigger_id: "123.456.abc", view: modal() }))).error).toBe(
      "invalid_trigger_id",
    );
    const trigger = fake.issueTriggerId({ userId: ANA });
    await client.views.open({ trigger_id: trigger, view: modal() });
    expect((await refusal(client.views.open({ trigger_id: trigger, view: modal() }))).error).toBe(
      "exchanged_trigger_id",
    );
    const onTime = fake.issueTriggerId({ userId: ANA });
    const late = fake.issueTriggerId({ userId: ANA });
    clock.advance(3000);
    await expect(client.views.open({ trigger_id: onTime, view: modal() })).resolves.toMatchObject({ ok: true });
    clock.advance(1);
    expect((await refusal(client.views.open({ trigger_id: late, view: modal() }))).error).toBe("expired_trigger_id");
  });

  it("takes a 24-character title and refuses 25 with Slack's message", async () => {
    await expect(open(modal({ title: plain("t".repeat(24)) }))).resolves.toMatchObject({ ok: true });
    expect(await errorMessages(open(modal({ title: plain("t".repeat(25)) })))).toEqual([
      "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]",
    ]);
  });

  it("refuses submit and close labels over 24 characters", async () => {
    expect(await errorMessages(open(modal({ submit: plain("s".repeat(25)), close: plain("c".repeat(25)) })))).toEqual([
      "[ERROR] must be less than 25 characters [json-pointer:/view/submit/text]",
      "[ERROR] must be less than 25 characters [json-pointer:/view/close/text]",
    ]);
  });

  it("takes 100 blocks and refuses 101", async () => {
    await expect(open(modal({ blocks: dividers(100) }))).resolves.toMatchObject({ ok: true });
    expect(await errorMessages(open(modal({ blocks: dividers(101) })))).toEqual([
      "[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]",
    ]);
  });

  it("bounds private_metadata at 3000 characters and callback_id at 255", async () => {
    await expect(
      open(modal({ private_metadata: "m".repeat(3000), callback_id: "c".repeat(255) })),
    ).resolves.toMatchObject({ ok: true });
    expect(
      await errorMessages(open(modal({ private_metadata: "m".repeat(3001), callback_id: "c".repeat(256) }))),
    ).toEqual([
      "[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]",
      "[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]",
    ]);
  });

  it("refuses input blocks without a label or an element", async () => {
    const broken = { type: "input", block_id: "b", element: { type: "plain_text_input", action_id: "v" } };
    const empty = { type: "input", block_id: "c", label: plain("Label") };
    expect(await errorMessages(open(modal({ blocks: [broken, empty] })))).toEqual([
      "[ERROR] missing required field: label [json-pointer:/view/blocks/0]",
      "[ERROR] missing required field: element [json-pointer:/view/blocks/1]",
    ]);
  });

  it("gives blocks without ids a generated block_id, as Slack does", async () => {
    const { view } = await open(modal({ blocks: [{ type: "section", text: plain("hi") }] }));
    expect(view?.blocks?.[0]?.block_id).toEqual(expect.any(String));
  });
});

describe("views.push", () => {
  it("stacks at most three views", async () => {
    const { view: root } = await open(modal());
    let top = root?.id ?? "";
    for (let i = 0; i < 2; i++) {
      const pushed = await client.views.push({
        trigger_id: fake.issueTriggerId({ userId: ANA, viewId: top }),
        view: modal(),
      });
      expect(pushed.view).toMatchObject({ root_view_id: root?.id, previous_view_id: top });
      top = pushed.view?.id ?? "";
    }
    const trigger = fake.issueTriggerId({ userId: ANA, viewId: top });
    expect((await refusal(client.views.push({ trigger_id: trigger, view: modal() }))).error).toBe("push_limit_reached");
    expect(fake.viewStack(top)).toHaveLength(3);
  });
});

describe("views.update", () => {
  it("replaces a view by id or external_id and gives it a new hash", async () => {
    const { view } = await open(modal({ external_id: "case-1-intake" }));
    const byId = await client.views.update({
      view_id: view?.id ?? "",
      hash: view?.hash,
      view: modal({ title: plain("Step 2") }),
    });
    expect(byId.view?.hash).not.toBe(view?.hash);
    const byExternal = await client.views.update({
      external_id: "case-1-intake",
      view: modal({ title: plain("Step 3") }),
    });
    expect(byExternal.view?.id).toBe(view?.id);
    expect(fake.view(view?.id ?? "")?.title).toEqual(plain("Step 3"));
  });

  it("refuses a stale hash and an unknown view", async () => {
    const { view } = await open(modal());
    await client.views.update({ view_id: view?.id ?? "", view: modal() });
    expect(
      (await refusal(client.views.update({ view_id: view?.id ?? "", hash: view?.hash, view: modal() }))).error,
    ).toBe("hash_conflict");
    expect((await refusal(client.views.update({ view_id: "V404", view: modal() }))).error).toBe("not_found");
  });
});

describe("views.publish", () => {
  const home = (blocks: unknown[]) => ({ type: "home" as const, blocks });

  it("keeps one Home tab per person, updated in place", async () => {
    const first = await publish(home(dividers(1)));
    const second = await publish(home(dividers(100)));
    expect(second.view?.id).toBe(first.view?.id);
    expect(fake.homeView(ANA)?.blocks).toHaveLength(100);
  });

  it("refuses 101 blocks and a modal published as a Home tab", async () => {
    expect((await refusal(publish(home(dividers(101))))).error).toBe("invalid_arguments");
    expect((await refusal(publish(modal()))).error).toBe("invalid_arguments");
  });
});

describe("answers to a view_submission, applied as Slack would", () => {
  it("closes the submitted view on an empty answer, and the whole stack on clear", async () => {
    const { view: root } = await open(modal());
    const trigger = fake.issueTriggerId({ userId: ANA, viewId: root?.id });
    const { view: pushed } = await client.views.push({ trigger_id: trigger, view: modal() });
    fake.applyViewSubmissionResponse(pushed?.id ?? "", "");
    expect(fake.viewStack(root?.id ?? "").map((v) => v.open)).toEqual([true, false]);
    fake.applyViewSubmissionResponse(root?.id ?? "", { response_action: "clear" });
    expect(fake.view(root?.id ?? "")?.open).toBe(false);
  });

  it("updates or pushes with a validated view, and keeps the view open on errors naming its inputs", async () => {
    const { view } = await open(modal());
    const id = view?.id ?? "";
    fake.applyViewSubmissionResponse(id, { response_action: "update", view: modal({ title: plain("Confirm") }) });
    expect(fake.view(id)).toMatchObject({ title: plain("Confirm"), open: true });
    fake.applyViewSubmissionResponse(id, { response_action: "push", view: modal({ callback_id: "confirm" }) });
    expect(fake.viewStack(id).map((v) => v.callback_id)).toEqual(["intake", "confirm"]);
    fake.applyViewSubmissionResponse(id, { response_action: "errors", errors: { summary: "Required" } });
    expect(fake.view(id)?.open).toBe(true);
    expect(() => fake.applyViewSubmissionResponse(id, { response_action: "errors", errors: { nope: "x" } })).toThrow(
      /nope/,
    );
    expect(() =>
      fake.applyViewSubmissionResponse(id, {
        response_action: "update",
        view: modal({ title: plain("t".repeat(25)) }),
      }),
    ).toThrow();
  });
});
