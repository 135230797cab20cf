import { z } from "zod";

/** The state of one input element as Slack sends it in a view_submission. */
const elementState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date_time: z.number().nullish(),
  selected_date: z.string().nullish(),
  selected_user: z.string().nullish(),
});

export const viewStateValues = z.record(z.string(), z.record(z.string(), elementState));
export type ViewStateValues = z.infer<typeof viewStateValues>;

/** The single element of an input block, reduced to its value: text, option value, or epoch seconds. */
export function readInput(values: ViewStateValues, blockId: string): string | number | null {
  const element = Object.values(values[blockId] ?? {})[0];
  if (!element) return null;
  return (
    element.value ??
    element.selected_option?.value ??
    element.selected_date_time ??
    element.selected_date ??
    element.selected_user ??
    null
  );
}

export function readText(values: ViewStateValues, blockId: string): string | null {
  const value = readInput(values, blockId);
  return typeof value === "string" ? value : null;
}

/** The values picked in a multi-select or checkboxes block; empty when nothing was picked. */
export function readOptions(values: ViewStateValues, blockId: string): string[] {
  const element = Object.values(values[blockId] ?? {})[0];
  return element?.selected_options?.map((o) => o.value) ?? [];
}
