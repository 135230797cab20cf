import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  actions,
  type BlockKitProbe,
  button,
  input,
  modal,
  mrkdwn,
  PERSON,
  plain,
  refusedWith,
  startBlockKitProbe,
} from "./blockKitProbe.ts";

let probe: BlockKitProbe;

beforeEach(async () => {
  probe = await startBlockKitProbe();
});

afterEach(() => probe.close());

const textInput = (blockId: string, extra: Record<string, unknown> = {}) =>
  input({ type: "plain_text_input", ...extra }, blockId);
const section = (text: string, extra: Record<string, unknown> = {}) => ({
  type: "section",
  text: mrkdwn(text),
  ...extra,
});

describe("ids across a whole view or message", () => {
  it("refuses an action_id used twice in a view, even in different blocks", async () => {
    const same = { action_id: "value" };
    expect(await probe.opening([textInput("a"), textInput("b")])).toEqual([]);
    expect(await probe.opening([textInput("a", same), textInput("b", same)])).toEqual([
      "[ERROR] duplicate action_id [json-pointer:/view/blocks/1/element/action_id]",
    ]);
  });

  it("refuses an action_id used twice in a message, in one actions block or across blocks", async () => {
    expect(await probe.posting([actions([button("ack"), button("ack")])])).toEqual([
      "[ERROR] duplicate action_id [json-pointer:/blocks/0/elements/1/action_id]",
    ]);
    const accessory = section("Case", { accessory: button("ack") });
    expect(await probe.posting([accessory, actions([button("ack")])])).toEqual([
      "[ERROR] duplicate action_id [json-pointer:/blocks/1/elements/0/action_id]",
    ]);
  });

  it("refuses a block_id used twice in a view and in a message", async () => {
    expect(await probe.opening([textInput("same"), textInput("same", { action_id: "other" })])).toEqual([
      "[ERROR] duplicate block_id [json-pointer:/view/blocks/1/block_id]",
    ]);
    expect(await probe.posting([actions([button("a")], "row"), actions([button("b")], "row")])).toEqual([
      "[ERROR] duplicate block_id [json-pointer:/blocks/1/block_id]",
    ]);
  });

  it("takes one element focused on load and refuses a second", async () => {
    const focused = { focus_on_load: true };
    expect(await probe.opening([textInput("a", focused), textInput("b")])).toEqual([]);
    expect(await probe.opening([textInput("a", focused), textInput("b", focused)])).toEqual([
      "[ERROR] duplicate focus_on_load [json-pointer:/view/blocks/1/element/focus_on_load]",
    ]);
  });
});

describe("blocks", () => {
  it("takes 10 context elements and refuses 11, and context text over 3000 characters", async () => {
    const context = (count: number, text = "c") => ({ type: "context", elements: Array(count).fill(mrkdwn(text)) });
    expect(await probe.posting([context(10)])).toEqual([]);
    expect(await probe.posting([context(11)])).toEqual([
      "[ERROR] no more than 10 items allowed [json-pointer:/blocks/0/elements]",
    ]);
    expect(await probe.posting([context(1, "c".repeat(3001))])).toEqual([
      "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/elements/0/text]",
    ]);
  });

  it("takes 25 elements in an actions block and refuses 26", async () => {
    const row = (count: number) => actions(Array.from({ length: count }, (_, i) => button(`b${i}`)));
    expect(await probe.posting([row(25)])).toEqual([]);
    expect(await probe.posting([row(26)])).toEqual([
      "[ERROR] no more than 25 items allowed [json-pointer:/blocks/0/elements]",
    ]);
  });

  it("takes header text of 150 characters and refuses 151", async () => {
    const header = (text: string) => ({ type: "header", text: plain(text) });
    expect(await probe.posting([header("h".repeat(150))])).toEqual([]);
    expect(await probe.posting([header("h".repeat(151))])).toEqual([
      "[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]",
    ]);
  });

  it("takes an input hint of 2000 characters and refuses 2001", async () => {
    const hinted = (hint: string) => ({ ...textInput("a"), hint: plain(hint) });
    expect(await probe.opening([hinted("h".repeat(2000))])).toEqual([]);
    expect(await probe.opening([hinted("h".repeat(2001))])).toEqual([
      "[ERROR] must be less than 2001 characters [json-pointer:/view/blocks/0/hint/text]",
    ]);
  });
});

describe("elements", () => {
  it("bounds a button's text at 75, value at 2000, url at 3000 and accessibility label at 75", async () => {
    const sized = (n: number) =>
      button("go", {
        text: plain("t".repeat(75 + n)),
        value: "v".repeat(2000 + n),
        url: `https://example.com/${"u".repeat(3000 - 20 + n)}`,
        accessibility_label: "a".repeat(75 + n),
      });
    expect(await probe.posting([actions([sized(0)])])).toEqual([]);
    const pointer = (field: string) => `[json-pointer:/blocks/0/elements/0/${field}]`;
    expect(await probe.posting([actions([sized(1)])])).toEqual([
      `[ERROR] must be less than 76 characters ${pointer("text/text")}`,
      `[ERROR] must be less than 2001 characters ${pointer("value")}`,
      `[ERROR] must be less than 3001 characters ${pointer("url")}`,
      `[ERROR] must be less than 76 characters ${pointer("accessibility_label")}`,
    ]);
  });

  it("takes a file input of 1 to 10 files and refuses 0 or 11", async () => {
    const files = (max: number) => input({ type: "file_input", max_files: max });
    for (const max of [1, 10]) expect(await probe.opening([files(max)])).toEqual([]);
    for (const max of [0, 11]) {
      expect(await probe.opening([files(max)])).toEqual([
        "[ERROR] must be an integer between 1 and 10 [json-pointer:/view/blocks/0/element/max_files]",
      ]);
    }
  });
});

describe("every method that takes blocks applies the element rules", () => {
  const tooLongForm = [textInput("facts", { max_length: 5000 })];
  const problem = "[ERROR] must be an integer between 1 and 3000 [json-pointer:/view/blocks/0/element/max_length]";

  it("views.push, views.update and views.publish refuse what views.open refuses", async () => {
    const { client, fake } = probe;
    const opened = await client.apiCall("views.open", {
      trigger_id: fake.issueTriggerId({ userId: PERSON }),
      view: modal([textInput("a")]),
    });
    const viewId = (opened as { view?: { id?: string } }).view?.id ?? "";
    const trigger = fake.issueTriggerId({ userId: PERSON, viewId });
    expect(await probe.opening(tooLongForm)).toEqual([problem]);
    expect(
      await refusedWith(
        "invalid_arguments",
        client.apiCall("views.push", { trigger_id: trigger, view: modal(tooLongForm) }),
      ),
    ).toEqual([problem]);
    expect(
      await refusedWith(
        "invalid_arguments",
        client.apiCall("views.update", { view_id: viewId, view: modal(tooLongForm) }),
      ),
    ).toEqual([problem]);
    const home = { type: "home", blocks: tooLongForm };
    expect(
      await refusedWith("invalid_arguments", client.apiCall("views.publish", { user_id: PERSON, view: home })),
    ).toEqual([problem]);
  });

  it("chat.update and chat.postEphemeral refuse what chat.postMessage refuses", async () => {
    const { client, channel } = probe;
    const twice = [actions([button("ack"), button("ack")])];
    const messageProblem = "[ERROR] duplicate action_id [json-pointer:/blocks/0/elements/1/action_id]";
    expect(await probe.posting(twice)).toEqual([messageProblem]);
    const posted = await client.chat.postMessage({ channel, text: "t" });
    const update = client.apiCall("chat.update", { channel, ts: posted.ts, text: "t", blocks: twice });
    expect(await refusedWith("invalid_blocks", update)).toEqual([messageProblem]);
    const ephemeral = client.apiCall("chat.postEphemeral", { channel, user: PERSON, text: "t", blocks: twice });
    expect(await refusedWith("invalid_blocks", ephemeral)).toEqual([messageProblem]);
  });
});
