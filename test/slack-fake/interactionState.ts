/**
 * What Slack reports for a view's interactive elements: `view.state.values[block_id][action_id]` in
 * view_submission payloads, and the action object of block_actions. Untouched elements report their initial
 * value, or an empty one (`value: null`, `selected_option: null`, `selected_options: []`).
 */
import { isRecord } from "./args.ts";
import type { FileObject } from "./types.ts";

export type FieldValue = string | number | string[] | null;
type Element = Record<string, unknown> & { type: string };
type FindFile = (id: string) => FileObject | undefined;

/** For each stateful element type: the key Slack reports, the element's initial-value key, and whether it is a list. */
const STATE_KEYS: Record<
  string,
  { key: string; initial: string; many?: boolean; kind?: "option" | "file" | "number" }
> = {
  plain_text_input: { key: "value", initial: "initial_value" },
  email_text_input: { key: "value", initial: "initial_value" },
  url_text_input: { key: "value", initial: "initial_value" },
  number_input: { key: "value", initial: "initial_value" },
  static_select: { key: "selected_option", initial: "initial_option", kind: "option" },
  external_select: { key: "selected_option", initial: "initial_option", kind: "option" },
  radio_buttons: { key: "selected_option", initial: "initial_option", kind: "option" },
  multi_static_select: { key: "selected_options", initial: "initial_options", many: true, kind: "option" },
  multi_external_select: { key: "selected_options", initial: "initial_options", many: true, kind: "option" },
  checkboxes: { key: "selected_options", initial: "initial_options", many: true, kind: "option" },
  users_select: { key: "selected_user", initial: "initial_user" },
  multi_users_select: { key: "selected_users", initial: "initial_users", many: true },
  conversations_select: { key: "selected_conversation", initial: "initial_conversation" },
  multi_conversations_select: { key: "selected_conversations", initial: "initial_conversations", many: true },
  channels_select: { key: "selected_channel", initial: "initial_channel" },
  multi_channels_select: { key: "selected_channels", initial: "initial_channels", many: true },
  datepicker: { key: "selected_date", initial: "initial_date" },
  timepicker: { key: "selected_time", initial: "initial_time" },
  datetimepicker: { key: "selected_date_time", initial: "initial_date_time", kind: "number" },
  file_input: { key: "files", initial: "initial_files", many: true, kind: "file" },
};

function asElement(value: unknown): Element | undefined {
  return isRecord(value) && typeof value.type === "string" ? (value as Element) : undefined;
}

/** The one interactive element of a block: an input's element, a section's accessory, or a lone actions element. */
export function elementOf(block: Record<string, unknown>): Element | undefined {
  if (block.element !== undefined) return asElement(block.element);
  if (block.accessory !== undefined) return asElement(block.accessory);
  if (block.type === "actions" && Array.isArray(block.elements) && block.elements.length === 1)
    return asElement(block.elements[0]);
  return undefined;
}

function optionsOf(element: Element): unknown[] {
  const direct = Array.isArray(element.options) ? element.options : [];
  const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
  return [
    ...direct,
    ...groups.flatMap((group) => (isRecord(group) && Array.isArray(group.options) ? group.options : [])),
  ];
}

function findOption(element: Element, value: string): unknown {
  if (element.type.includes("external")) return { text: { type: "plain_text", text: value, emoji: true }, value };
  const option = optionsOf(element).find((o) => isRecord(o) && o.value === value);
  if (!option) throw new Error(`${element.type} ${String(element.action_id)} has no option with value ${value}`);
  return option;
}

function converted(element: Element, value: FieldValue, findFile: FindFile): unknown {
  const spec = STATE_KEYS[element.type];
  if (!spec) throw new Error(`no state shape for element type ${element.type}`);
  if (value === null) return spec.many ? [] : null;
  const items = Array.isArray(value) ? value : [String(value)];
  const each = (item: string): unknown => {
    if (spec.kind === "option") return findOption(element, item);
    if (spec.kind === "file") return findFile(item) ?? throwMissingFile(item);
    if (spec.kind === "number") return Number(item);
    return item;
  };
  return spec.many ? items.map(each) : each(items[0] ?? "");
}

function throwMissingFile(id: string): never {
  throw new Error(`the Slack stand-in holds no file ${id}`);
}

/** `{type, <key>: …}` for one element: the given value, else the initial one, else empty. */
export function elementState(
  element: Element,
  value: FieldValue | undefined,
  findFile: FindFile,
): Record<string, unknown> {
  const spec = STATE_KEYS[element.type];
  if (!spec) throw new Error(`no state shape for element type ${element.type}`);
  if (value !== undefined) return { type: element.type, [spec.key]: converted(element, value, findFile) };
  const initial = element[spec.initial];
  return { type: element.type, [spec.key]: initial ?? (spec.many ? [] : null) };
}

export function isStateful(element: Element | undefined): element is Element {
  return element !== undefined && element.type in STATE_KEYS;
}

/** `view.state.values` for a submission: every stateful element, with `values` (by block_id) applied. */
export function stateValues(
  blocks: unknown[],
  values: Record<string, FieldValue>,
  findFile: FindFile,
): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  const seen = new Set<string>();
  for (const block of blocks) {
    if (!isRecord(block) || typeof block.block_id !== "string") continue;
    const element = elementOf(block);
    if (!isStateful(element)) continue;
    seen.add(block.block_id);
    result[block.block_id] = { [String(element.action_id)]: elementState(element, values[block.block_id], findFile) };
  }
  const unknown = Object.keys(values).filter((blockId) => !seen.has(blockId));
  if (unknown.length > 0) throw new Error(`the view has no stateful block ${unknown.join(", ")}`);
  return result;
}

/** The action object of a block_actions payload for the element of `blockId`. */
export function actionFor(block: Record<string, unknown>, value: FieldValue, findFile: FindFile, actionTs: string) {
  const element = elementOf(block);
  if (!element) throw new Error(`block ${String(block.block_id)} has no single interactive element`);
  const common = { action_id: element.action_id, block_id: block.block_id, action_ts: actionTs };
  if (element.type === "button") return { type: "button", text: element.text, value: element.value, ...common };
  return { ...elementState(element, value, findFile), ...common };
}
