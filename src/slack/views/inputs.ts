/** Form elements shared by every modal; each input block holds one element, whose action_id is its block_id. */
import { type Block, type Option, plain } from "./blocks.ts";

export function inputBlock(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  opts: { optional?: boolean; hint?: string } = {},
): Block {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label, 2000),
    optional: opts.optional ?? false,
    // An action_id must not repeat within a view (strict reading of Block Kit); values are read by block_id.
    element: { action_id: blockId, ...element },
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
  };
}

export const textInput = (placeholder: string, maxLength: number, multiline = false) => ({
  type: "plain_text_input",
  placeholder: plain(placeholder, 150),
  max_length: maxLength,
  multiline,
});

export const staticSelect = (placeholder: string, options: Option[], initial?: Option) => ({
  type: "static_select",
  placeholder: plain(placeholder, 150),
  options,
  ...(initial ? { initial_option: initial } : {}),
});

export interface OptionGroup {
  label: { type: "plain_text"; text: string };
  options: Option[];
}

/** A static select whose options are grouped under labels (at most 100 groups of 100 options). */
export const groupedSelect = (placeholder: string, groups: OptionGroup[], initial?: Option) => ({
  type: "static_select",
  placeholder: plain(placeholder, 150),
  option_groups: groups,
  ...(initial ? { initial_option: initial } : {}),
});

export const multiStaticSelect = (placeholder: string, options: Option[], initial: Option[] = []) => ({
  type: "multi_static_select",
  placeholder: plain(placeholder, 150),
  options,
  ...(initial.length > 0 ? { initial_options: initial } : {}),
});

export const checkboxes = (options: Option[], initial: Option[] = []) => ({
  type: "checkboxes",
  options,
  ...(initial.length > 0 ? { initial_options: initial } : {}),
});

export const radioButtons = (options: Option[], initial?: Option) => ({
  type: "radio_buttons",
  options,
  ...(initial ? { initial_option: initial } : {}),
});
