/** Blocks as Slack checks them in messages and views: each block's limits, then ids across the whole list. */
import { isRecord } from "./args.ts";
import { checkContextElement, checkElement } from "./blockElements.ts";
import {
  checkText,
  duplicate,
  missingField,
  noSchema,
  type Problems,
  TEXT_OBJECT_MAX,
  tooLong,
  tooMany,
} from "./blockKitText.ts";

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
  sectionText: TEXT_OBJECT_MAX,
  fieldText: 2000,
  sectionFields: 10,
  // docs.slack.dev/reference/block-kit/blocks/header-block
  headerText: 150,
  markdownText: 12000,
  // docs.slack.dev/reference/block-kit/blocks/context-block
  contextElements: 10,
  // docs.slack.dev/reference/block-kit/blocks/actions-block
  actionsElements: 25,
  // docs.slack.dev/reference/block-kit/blocks/input-block: label and hint
  labelText: 2000,
  hintText: 2000,
} as const;

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
      const check = block.type === "actions" ? checkElement : checkContextElement;
      block.elements.forEach((el, i) => {
        check(el, `${pointer}/elements/${i}`, problems);
      });
      return;
    }
    case "input":
      if (block.label === undefined) problems.push(missingField("label", pointer));
      else checkText(block.label, `${pointer}/label`, LIMITS.labelText, problems, true);
      if (block.hint !== undefined) checkText(block.hint, `${pointer}/hint`, LIMITS.hintText, problems, true);
      if (block.element === undefined) problems.push(missingField("element", pointer));
      else checkElement(block.element, `${pointer}/element`, problems);
      return;
    default:
      return;
  }
}

/** The interactive elements of a block, each with its pointer. */
function elementsOf(block: Record<string, unknown>, at: string): Array<{ element: unknown; pointer: string }> {
  if (block.type === "input") return [{ element: block.element, pointer: `${at}/element` }];
  if (block.type === "section" && block.accessory !== undefined) {
    return [{ element: block.accessory, pointer: `${at}/accessory` }];
  }
  if (block.type !== "actions" || !Array.isArray(block.elements)) return [];
  return block.elements.map((element, i) => ({ element, pointer: `${at}/elements/${i}` }));
}

/**
 * Ids unique across the whole message or view: block_id (blocks reference: "unique for each message or
 * view"); action_id, the stricter reading of the elements' "unique among all other action_ids in the
 * containing block"; and one focus_on_load (each element's page: "Only one element can be set to true").
 */
function idProblems(blocks: unknown[], pointer: string, problems: Problems): void {
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  let focused = false;
  blocks.forEach((block, i) => {
    if (!isRecord(block)) return;
    const at = `${pointer}/${i}`;
    if (typeof block.block_id === "string") {
      if (blockIds.has(block.block_id)) problems.push(duplicate("block_id", `${at}/block_id`));
      blockIds.add(block.block_id);
    }
    for (const { element, pointer: elementAt } of elementsOf(block, at)) {
      if (!isRecord(element)) continue;
      if (typeof element.action_id === "string") {
        if (actionIds.has(element.action_id)) problems.push(duplicate("action_id", `${elementAt}/action_id`));
        actionIds.add(element.action_id);
      }
      if (element.focus_on_load === true && focused) {
        problems.push(duplicate("focus_on_load", `${elementAt}/focus_on_load`));
      }
      focused ||= element.focus_on_load === true;
    }
  });
}

/** Problems with a list of blocks under `pointer` (`/blocks` for messages, `/view/blocks` for views). */
export function blockProblems(blocks: unknown, pointer: string, maxBlocks: number): Problems {
  const problems: Problems = [];
  if (!Array.isArray(blocks)) return [noSchema(pointer)];
  if (blocks.length > maxBlocks) problems.push(tooMany(maxBlocks, pointer));
  blocks.forEach((block, i) => {
    const at = `${pointer}/${i}`;
    if (!isRecord(block) || typeof block.type !== "string" || !BLOCK_TYPES.has(block.type)) {
      problems.push(noSchema(at));
      return;
    }
    if (typeof block.block_id === "string" && block.block_id.length > LIMITS.blockId) {
      problems.push(tooLong(LIMITS.blockId, `${at}/block_id`));
    }
    checkBlock(block, at, problems);
  });
  idProblems(blocks, pointer, problems);
  return problems;
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
