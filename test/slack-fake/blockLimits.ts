/**
 * Block Kit limits as Slack enforces them, reported the way Slack does: one message per problem, each
 * ending with the JSON pointer of the offending field, e.g. `must be less than 3001 characters
 * [json-pointer:/blocks/0/text/text]`.
 */
import { isRecord } from "./args.ts";

const BLOCK_TYPES = new Set([
  "actions",
  "context",
  "divider",
  "file",
  "header",
  "image",
  "input",
  "markdown",
  "rich_text",
  "section",
  "video",
]);

const LIMITS = {
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  fieldText: 2000,
  sectionFields: 10,
  headerText: 150,
  markdownText: 12000,
  contextElements: 10,
  actionsElements: 25,
  labelText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
} as const;

export type Problems = string[];

export function tooLong(max: number, pointer: string): string {
  return `must be less than ${max + 1} characters [json-pointer:${pointer}]`;
}

export function tooMany(max: number, pointer: string): string {
  return `no more than ${max} items allowed [json-pointer:${pointer}]`;
}

export function missingField(field: string, pointer: string): string {
  return `missing required field: ${field} [json-pointer:${pointer}]`;
}

function noSchema(pointer: string): string {
  return `failed to match all allowed schemas [json-pointer:${pointer}]`;
}

/** A text object (`{type: plain_text|mrkdwn, text}`) within `max` characters. */
export function checkText(value: unknown, pointer: string, max: number, problems: Problems, plainOnly = false): void {
  const types = plainOnly ? ["plain_text"] : ["plain_text", "mrkdwn"];
  if (!isRecord(value) || typeof value.text !== "string" || !types.includes(String(value.type))) {
    problems.push(noSchema(pointer));
    return;
  }
  if (value.text.length === 0) problems.push(`must be more than 0 characters [json-pointer:${pointer}/text]`);
  if (value.text.length > max) problems.push(tooLong(max, `${pointer}/text`));
}

function checkOptions(options: unknown, pointer: string, problems: Problems): void {
  if (!Array.isArray(options)) return;
  if (options.length > LIMITS.selectOptions) problems.push(tooMany(LIMITS.selectOptions, pointer));
  options.forEach((option, i) => {
    if (!isRecord(option)) {
      problems.push(noSchema(`${pointer}/${i}`));
      return;
    }
    checkText(option.text, `${pointer}/${i}/text`, LIMITS.optionText, problems);
    if (typeof option.value === "string" && option.value.length > LIMITS.optionValue) {
      problems.push(tooLong(LIMITS.optionValue, `${pointer}/${i}/value`));
    }
  });
}

function checkElement(element: unknown, pointer: string, problems: Problems): void {
  if (!isRecord(element) || typeof element.type !== "string") {
    problems.push(noSchema(pointer));
    return;
  }
  if (typeof element.action_id === "string" && element.action_id.length > LIMITS.actionId) {
    problems.push(tooLong(LIMITS.actionId, `${pointer}/action_id`));
  }
  if (element.type === "button") {
    checkText(element.text, `${pointer}/text`, LIMITS.buttonText, problems, true);
    if (typeof element.value === "string" && element.value.length > LIMITS.buttonValue) {
      problems.push(tooLong(LIMITS.buttonValue, `${pointer}/value`));
    }
  }
  checkOptions(element.options, `${pointer}/options`, problems);
  if (Array.isArray(element.option_groups)) {
    element.option_groups.forEach((group, i) => {
      if (isRecord(group)) checkOptions(group.options, `${pointer}/option_groups/${i}/options`, problems);
    });
  }
}

function checkBlock(block: Record<string, unknown>, pointer: string, problems: Problems): void {
  switch (block.type) {
    case "section":
      if (block.text === undefined && block.fields === undefined) problems.push(missingField("text", pointer));
      if (block.text !== undefined) checkText(block.text, `${pointer}/text`, LIMITS.sectionText, problems);
      if (Array.isArray(block.fields)) {
        if (block.fields.length > LIMITS.sectionFields)
          problems.push(tooMany(LIMITS.sectionFields, `${pointer}/fields`));
        block.fields.forEach((field, i) => {
          checkText(field, `${pointer}/fields/${i}`, LIMITS.fieldText, problems);
        });
      }
      if (block.accessory !== undefined) checkElement(block.accessory, `${pointer}/accessory`, problems);
      return;
    case "header":
      checkText(block.text, `${pointer}/text`, LIMITS.headerText, problems, true);
      return;
    case "markdown":
      if (typeof block.text !== "string") problems.push(missingField("text", pointer));
      else if (block.text.length > LIMITS.markdownText) problems.push(tooLong(LIMITS.markdownText, `${pointer}/text`));
      return;
    case "context":
    case "actions": {
      const max = block.type === "context" ? LIMITS.contextElements : LIMITS.actionsElements;
      if (!Array.isArray(block.elements)) {
        problems.push(missingField("elements", pointer));
        return;
      }
      if (block.elements.length > max) problems.push(tooMany(max, `${pointer}/elements`));
      if (block.type === "actions") {
        block.elements.forEach((el, i) => {
          checkElement(el, `${pointer}/elements/${i}`, problems);
        });
      }
      return;
    }
    case "input":
      if (block.label === undefined) problems.push(missingField("label", pointer));
      else checkText(block.label, `${pointer}/label`, LIMITS.labelText, problems, true);
      if (block.element === undefined) problems.push(missingField("element", pointer));
      else checkElement(block.element, `${pointer}/element`, problems);
      return;
    default:
      return;
  }
}

/** Problems with a list of blocks under `pointer` (`/blocks` for messages, `/view/blocks` for views). */
export function blockProblems(blocks: unknown, pointer: string, maxBlocks: number): Problems {
  const problems: Problems = [];
  if (!Array.isArray(blocks)) return [noSchema(pointer)];
  if (blocks.length > maxBlocks) problems.push(tooMany(maxBlocks, pointer));
  const seenIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${pointer}/${i}`;
    if (!isRecord(block) || typeof block.type !== "string" || !BLOCK_TYPES.has(block.type)) {
      problems.push(noSchema(at));
      return;
    }
    if (typeof block.block_id === "string") {
      if (block.block_id.length > LIMITS.blockId) problems.push(tooLong(LIMITS.blockId, `${at}/block_id`));
      if (seenIds.has(block.block_id)) problems.push(`duplicate block_id [json-pointer:${at}/block_id]`);
      seenIds.add(block.block_id);
    }
    checkBlock(block, at, problems);
  });
  return problems;
}

export function asErrorMessages(problems: Problems): string[] {
  return problems.map((problem) => `[ERROR] ${problem}`);
}

function withActionId(element: unknown, makeId: () => string): unknown {
  if (!isRecord(element) || typeof element.action_id === "string" || element.type === "image") return element;
  return { ...element, action_id: makeId() };
}

/** Slack stores blocks with a generated block_id (and interactive elements with an action_id) where none was given. */
export function withGeneratedIds(blocks: unknown[], makeId: () => string): unknown[] {
  return blocks.map((block) => {
    if (!isRecord(block)) return block;
    const copy: Record<string, unknown> = { ...block };
    if (typeof copy.block_id !== "string") copy.block_id = makeId();
    if (copy.element !== undefined) copy.element = withActionId(copy.element, makeId);
    if (copy.accessory !== undefined) copy.accessory = withActionId(copy.accessory, makeId);
    if (copy.type === "actions" && Array.isArray(copy.elements))
      copy.elements = copy.elements.map((el) => withActionId(el, makeId));
    return copy;
  });
}
