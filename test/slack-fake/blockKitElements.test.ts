import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  actions,
  type BlockKitProbe,
  input,
  mrkdwn,
  option,
  options,
  plain,
  startBlockKitProbe,
} from "./blockKitProbe.ts";

let probe: BlockKitProbe;

beforeEach(async () => {
  probe = await startBlockKitProbe();
});

afterEach(() => probe.close());

const textInput = (extra: Record<string, unknown>) => input({ type: "plain_text_input", ...extra });
const at = (pointer: string) => `[json-pointer:/view/blocks/0/element/${pointer}]`;

describe("plain_text_input", () => {
  it("takes max_length 1 to 3000 and refuses 0, 3001 and the 5000 the proposal form asked for", async () => {
    for (const max of [1, 3000]) expect(await probe.opening([textInput({ max_length: max })])).toEqual([]);
    for (const max of [0, 3001, 5000, 1.5, "10"]) {
      expect(await probe.opening([textInput({ max_length: max })])).toEqual([
        `[ERROR] must be an integer between 1 and 3000 ${at("max_length")}`,
      ]);
    }
  });

  it("takes min_length 0 to 3000 and refuses -1, 3001 and a min_length above max_length", async () => {
    for (const min of [0, 3000]) expect(await probe.opening([textInput({ min_length: min })])).toEqual([]);
    for (const min of [-1, 3001]) {
      expect(await probe.opening([textInput({ min_length: min })])).toEqual([
        `[ERROR] must be an integer between 0 and 3000 ${at("min_length")}`,
      ]);
    }
    expect(await probe.opening([textInput({ min_length: 10, max_length: 10 })])).toEqual([]);
    expect(await probe.opening([textInput({ min_length: 11, max_length: 10 })])).toEqual([
      `[ERROR] must not exceed max_length ${at("min_length")}`,
    ]);
  });

  it("takes a placeholder of 150 characters and refuses 151", async () => {
    expect(await probe.opening([textInput({ placeholder: plain("p".repeat(150)) })])).toEqual([]);
    expect(await probe.opening([textInput({ placeholder: plain("p".repeat(151)) })])).toEqual([
      `[ERROR] must be less than 151 characters ${at("placeholder/text")}`,
    ]);
  });

  it("refuses an initial_value longer than max_length, or than 3000 without one", async () => {
    expect(await probe.opening([textInput({ max_length: 5, initial_value: "12345" })])).toEqual([]);
    expect(await probe.opening([textInput({ max_length: 5, initial_value: "123456" })])).toEqual([
      `[ERROR] must be less than 6 characters ${at("initial_value")}`,
    ]);
    expect(await probe.opening([textInput({ initial_value: "v".repeat(3001) })])).toEqual([
      `[ERROR] must be less than 3001 characters ${at("initial_value")}`,
    ]);
  });

  it("refuses a non-empty initial_value shorter than min_length", async () => {
    expect(await probe.opening([textInput({ min_length: 3, initial_value: "" })])).toEqual([]);
    expect(await probe.opening([textInput({ min_length: 3, initial_value: "abc" })])).toEqual([]);
    expect(await probe.opening([textInput({ min_length: 3, initial_value: "ab" })])).toEqual([
      `[ERROR] must be at least 3 characters ${at("initial_value")}`,
    ]);
  });
});

describe("option counts", () => {
  it("takes 10 checkboxes and 10 radio buttons, and refuses 11", async () => {
    for (const type of ["checkboxes", "radio_buttons"]) {
      expect(await probe.opening([input({ type, options: options(10) })])).toEqual([]);
      expect(await probe.opening([input({ type, options: options(11) })])).toEqual([
        `[ERROR] no more than 10 items allowed ${at("options")}`,
      ]);
    }
  });

  it("takes an overflow menu of 2 to 5 options and refuses 1 or 6, in messages too", async () => {
    const overflow = (count: number) => actions([{ type: "overflow", action_id: "more", options: options(count) }]);
    for (const count of [2, 5]) expect(await probe.posting([overflow(count)])).toEqual([]);
    expect(await probe.posting([overflow(1)])).toEqual([
      "[ERROR] no fewer than 2 items required [json-pointer:/blocks/0/elements/0/options]",
    ]);
    expect(await probe.posting([overflow(6)])).toEqual([
      "[ERROR] no more than 5 items allowed [json-pointer:/blocks/0/elements/0/options]",
    ]);
  });

  it("takes 100 options or 100 option groups in a static menu, and refuses 101 of either", async () => {
    const groups = (count: number, size = 1) =>
      Array.from({ length: count }, (_, i) => ({ label: plain(`g${i}`), options: options(size, `g${i}-`) }));
    for (const type of ["static_select", "multi_static_select"]) {
      expect(await probe.opening([input({ type, options: options(100) })])).toEqual([]);
      expect(await probe.opening([input({ type, options: options(101) })])).toEqual([
        `[ERROR] no more than 100 items allowed ${at("options")}`,
      ]);
      expect(await probe.opening([input({ type, option_groups: groups(100) })])).toEqual([]);
      expect(await probe.opening([input({ type, option_groups: groups(101) })])).toEqual([
        `[ERROR] no more than 100 items allowed ${at("option_groups")}`,
      ]);
      expect(await probe.opening([input({ type, option_groups: groups(1, 101) })])).toEqual([
        `[ERROR] no more than 100 items allowed ${at("option_groups/0/options")}`,
      ]);
    }
  });

  it("refuses a menu with both options and option_groups, or with neither", async () => {
    const both = { options: options(1), option_groups: [{ label: plain("g"), options: options(1) }] };
    expect(await probe.opening([input({ type: "static_select", ...both })])).toEqual([
      `[ERROR] failed to match all allowed schemas ${at("option_groups")}`,
    ]);
    expect(await probe.opening([input({ type: "static_select" })])).toEqual([
      "[ERROR] missing required field: options [json-pointer:/view/blocks/0/element]",
    ]);
  });

  it("refuses max_selected_items below 1", async () => {
    const multi = (max: number) => input({ type: "multi_static_select", options: options(3), max_selected_items: max });
    expect(await probe.opening([multi(1)])).toEqual([]);
    expect(await probe.opening([multi(0)])).toEqual([
      `[ERROR] must be an integer at least 1 ${at("max_selected_items")}`,
    ]);
  });
});

describe("option objects", () => {
  it("takes option text of 75, a value of 150 and a description of 75 characters, and refuses one more", async () => {
    const menu = (n: number) => [
      input({
        type: "static_select",
        options: [option("t".repeat(75 + n), "v".repeat(150 + n), { description: plain("d".repeat(75 + n)) })],
      }),
    ];
    expect(await probe.opening(menu(0))).toEqual([]);
    expect(await probe.opening(menu(1))).toEqual([
      `[ERROR] must be less than 76 characters ${at("options/0/text/text")}`,
      `[ERROR] must be less than 151 characters ${at("options/0/value")}`,
      `[ERROR] must be less than 76 characters ${at("options/0/description/text")}`,
    ]);
  });

  it("refuses an option group label over 75 characters", async () => {
    const grouped = (label: string) =>
      input({ type: "static_select", option_groups: [{ label: plain(label), options: options(1) }] });
    expect(await probe.opening([grouped("g".repeat(75))])).toEqual([]);
    expect(await probe.opening([grouped("g".repeat(76))])).toEqual([
      `[ERROR] must be less than 76 characters ${at("option_groups/0/label/text")}`,
    ]);
  });

  it("takes mrkdwn option text in checkboxes but refuses it in a select menu", async () => {
    const marked = [{ text: mrkdwn("*bold*"), value: "b" }];
    expect(await probe.opening([input({ type: "checkboxes", options: marked })])).toEqual([]);
    expect(await probe.opening([input({ type: "static_select", options: marked })])).toEqual([
      `[ERROR] failed to match all allowed schemas ${at("options/0/text")}`,
    ]);
  });
});

describe("initial options", () => {
  const choices = [option("One", "1", { description: plain("first") }), option("Two", "2")];

  it("takes an initial option equal to one of the options, whatever its key order", async () => {
    const reordered = { value: "1", description: plain("first"), text: plain("One") };
    for (const type of ["static_select", "radio_buttons"]) {
      expect(await probe.opening([input({ type, options: choices, initial_option: reordered })])).toEqual([]);
    }
    for (const type of ["multi_static_select", "checkboxes"]) {
      expect(await probe.opening([input({ type, options: choices, initial_options: [reordered] })])).toEqual([]);
    }
  });

  it("refuses an initial option that differs from every option, even only in its description", async () => {
    const near = option("One", "1");
    for (const type of ["static_select", "radio_buttons"]) {
      expect(await probe.opening([input({ type, options: choices, initial_option: near })])).toEqual([
        `[ERROR] must exactly match one of the element's options ${at("initial_option")}`,
      ]);
    }
    for (const type of ["multi_static_select", "checkboxes"]) {
      const initial = [choices[1], option("Three", "3")];
      expect(await probe.opening([input({ type, options: choices, initial_options: initial })])).toEqual([
        `[ERROR] must exactly match one of the element's options ${at("initial_options/1")}`,
      ]);
    }
  });

  it("looks for the initial option inside option groups", async () => {
    const groups = [{ label: plain("Tier"), options: choices }];
    const grouped = (initial: unknown) =>
      input({ type: "static_select", option_groups: groups, initial_option: initial });
    expect(await probe.opening([grouped(choices[1])])).toEqual([]);
    expect(await probe.opening([grouped(option("Two", "two"))])).toEqual([
      `[ERROR] must exactly match one of the element's options ${at("initial_option")}`,
    ]);
  });
});
