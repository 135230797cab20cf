/** Block elements and the option objects inside them, checked against Slack's Block Kit reference. */
import { isDeepStrictEqual } from "node:util";
import { isRecord } from "./args.ts";
import {
  checkText,
  missingField,
  noSchema,
  notAmongOptions,
  outOfRange,
  type Problems,
  TEXT_OBJECT_MAX,
  tooFew,
  tooLong,
  tooMany,
} from "./blockKitText.ts";

const LIMITS = {
  // docs.slack.dev/reference/block-kit/block-elements/*: every element's action_id and placeholder.
  actionId: 255,
  placeholder: 150,
  // docs.slack.dev/reference/block-kit/block-elements/button-element
  buttonText: 75,
  buttonValue: 2000,
  buttonAccessibilityLabel: 75,
  url: 3000,
  // docs.slack.dev/reference/block-kit/composition-objects/option-object
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  // docs.slack.dev/reference/block-kit/composition-objects/option-group-object
  groupLabel: 75,
  groupOptions: 100,
  // docs.slack.dev/reference/block-kit/block-elements/select-menu-element and multi-select-menu-element
  selectOptions: 100,
  selectGroups: 100,
  // docs.slack.dev/reference/block-kit/block-elements/checkboxes-element and radio-button-group-element
  choiceOptions: 10,
  // docs.slack.dev/reference/block-kit/block-elements/overflow-menu-element (the old reference: "maximum 5, minimum 2")
  overflowMin: 2,
  overflowMax: 5,
  // docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element: min_length 0–3000, max_length 1–3000
  inputLength: 3000,
  // docs.slack.dev/reference/block-kit/block-elements/file-input-element: max_files 1–10
  maxFiles: 10,
} as const;

type Element = Record<string, unknown>;

/** An integer field within [min, max], or a problem; undefined when absent or invalid. */
function integerField(element: Element, key: string, pointer: string, min: number, max: number, problems: Problems) {
  const value = element[key];
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
  problems.push(outOfRange(min, max, `${pointer}/${key}`));
  return undefined;
}

function checkString(element: Element, key: string, pointer: string, max: number, problems: Problems): void {
  const value = element[key];
  if (typeof value === "string" && value.length > max) problems.push(tooLong(max, `${pointer}/${key}`));
}

/** Options with mrkdwn text are for checkboxes and radio buttons only; a url is for overflow menus only. */
function checkOption(option: unknown, pointer: string, problems: Problems, kind: { plainOnly: boolean; url: boolean }) {
  if (!isRecord(option)) {
    problems.push(noSchema(pointer));
    return;
  }
  checkText(option.text, `${pointer}/text`, LIMITS.optionText, problems, kind.plainOnly);
  if (typeof option.value !== "string") problems.push(missingField("value", pointer));
  else if (option.value.length > LIMITS.optionValue) problems.push(tooLong(LIMITS.optionValue, `${pointer}/value`));
  if (option.description !== undefined) {
    checkText(option.description, `${pointer}/description`, LIMITS.optionDescription, problems, kind.plainOnly);
  }
  if (option.url !== undefined && !kind.url) problems.push(noSchema(`${pointer}/url`));
  else checkString(option, "url", pointer, LIMITS.url, problems);
}

function checkOptionList(
  options: unknown,
  pointer: string,
  bounds: { min: number; max: number },
  problems: Problems,
  kind: { plainOnly: boolean; url: boolean },
): unknown[] {
  if (!Array.isArray(options)) {
    problems.push(noSchema(pointer));
    return [];
  }
  if (options.length > bounds.max) problems.push(tooMany(bounds.max, pointer));
  if (options.length < bounds.min) problems.push(tooFew(bounds.min, pointer));
  options.forEach((option, i) => {
    checkOption(option, `${pointer}/${i}`, problems, kind);
  });
  return options;
}

const PLAIN = { plainOnly: true, url: false };

/** A static menu's options, flat or in groups (never both, per the select menu reference), all returned. */
function staticMenuOptions(element: Element, pointer: string, problems: Problems): unknown[] {
  const hasGroups = element.option_groups !== undefined;
  if (element.options !== undefined && hasGroups) problems.push(noSchema(`${pointer}/option_groups`));
  if (!hasGroups) {
    if (element.options !== undefined) {
      return checkOptionList(
        element.options,
        `${pointer}/options`,
        { min: 1, max: LIMITS.selectOptions },
        problems,
        PLAIN,
      );
    }
    problems.push(missingField("options", pointer));
    return [];
  }
  const groups = element.option_groups;
  if (!Array.isArray(groups)) {
    problems.push(noSchema(`${pointer}/option_groups`));
    return [];
  }
  if (groups.length > LIMITS.selectGroups) problems.push(tooMany(LIMITS.selectGroups, `${pointer}/option_groups`));
  return groups.flatMap((group, i) => {
    const at = `${pointer}/option_groups/${i}`;
    if (!isRecord(group)) {
      problems.push(noSchema(at));
      return [];
    }
    checkText(group.label, `${at}/label`, LIMITS.groupLabel, problems, true);
    return checkOptionList(group.options, `${at}/options`, { min: 1, max: LIMITS.groupOptions }, problems, PLAIN);
  });
}

/** initial_option(s) must be deep-equal to options of the element ("exactly matches", per each element's page). */
function checkInitialOptions(element: Element, pointer: string, options: unknown[], problems: Problems): void {
  const isOption = (candidate: unknown) => options.some((option) => isDeepStrictEqual(option, candidate));
  if (element.initial_option !== undefined && !isOption(element.initial_option)) {
    problems.push(notAmongOptions(`${pointer}/initial_option`));
  }
  if (element.initial_options === undefined) return;
  if (!Array.isArray(element.initial_options)) {
    problems.push(noSchema(`${pointer}/initial_options`));
    return;
  }
  element.initial_options.forEach((initial, i) => {
    if (!isOption(initial)) problems.push(notAmongOptions(`${pointer}/initial_options/${i}`));
  });
}

function checkPlainTextInput(element: Element, pointer: string, problems: Problems): void {
  const min = integerField(element, "min_length", pointer, 0, LIMITS.inputLength, problems);
  const max = integerField(element, "max_length", pointer, 1, LIMITS.inputLength, problems);
  if (min !== undefined && max !== undefined && min > max) {
    problems.push(`must not exceed max_length [json-pointer:${pointer}/min_length]`);
  }
  if (typeof element.initial_value !== "string") return;
  const length = element.initial_value.length;
  const upper = max ?? LIMITS.inputLength;
  if (length > upper) problems.push(tooLong(upper, `${pointer}/initial_value`));
  // Stricter reading: a prefilled value the user could not submit unchanged is refused too.
  if (length > 0 && min !== undefined && length < min) {
    problems.push(`must be at least ${min} characters [json-pointer:${pointer}/initial_value]`);
  }
}

function checkButton(element: Element, pointer: string, problems: Problems): void {
  checkText(element.text, `${pointer}/text`, LIMITS.buttonText, problems, true);
  checkString(element, "value", pointer, LIMITS.buttonValue, problems);
  checkString(element, "url", pointer, LIMITS.url, problems);
  checkString(element, "accessibility_label", pointer, LIMITS.buttonAccessibilityLabel, problems);
}

function checkOptionsOf(element: Element, pointer: string, problems: Problems): void {
  switch (element.type) {
    case "static_select":
    case "multi_static_select":
      checkInitialOptions(element, pointer, staticMenuOptions(element, pointer, problems), problems);
      return;
    case "checkboxes":
    case "radio_buttons": {
      const bounds = { min: 1, max: LIMITS.choiceOptions };
      const kind = { plainOnly: false, url: false };
      const options = checkOptionList(element.options, `${pointer}/options`, bounds, problems, kind);
      checkInitialOptions(element, pointer, options, problems);
      return;
    }
    case "overflow": {
      const bounds = { min: LIMITS.overflowMin, max: LIMITS.overflowMax };
      checkOptionList(element.options, `${pointer}/options`, bounds, problems, { plainOnly: true, url: true });
      return;
    }
    default:
      return;
  }
}

/** One interactive (or image) element at `pointer`. */
export function checkElement(element: unknown, pointer: string, problems: Problems): void {
  if (!isRecord(element) || typeof element.type !== "string") {
    problems.push(noSchema(pointer));
    return;
  }
  checkString(element, "action_id", pointer, LIMITS.actionId, problems);
  if (element.placeholder !== undefined) {
    checkText(element.placeholder, `${pointer}/placeholder`, LIMITS.placeholder, problems, true);
  }
  if (element.type === "button") checkButton(element, pointer, problems);
  if (element.type === "plain_text_input") checkPlainTextInput(element, pointer, problems);
  if (element.type === "multi_static_select") {
    integerField(element, "max_selected_items", pointer, 1, Number.POSITIVE_INFINITY, problems);
  }
  if (element.type === "file_input") integerField(element, "max_files", pointer, 1, LIMITS.maxFiles, problems);
  checkOptionsOf(element, pointer, problems);
}

/** A context block's element: an image element or a text object (docs: "image elements and text objects"). */
export function checkContextElement(element: unknown, pointer: string, problems: Problems): void {
  if (isRecord(element) && element.type === "image") checkElement(element, pointer, problems);
  else checkText(element, pointer, TEXT_OBJECT_MAX, problems);
}
