import { expect } from "vitest";
import type { StoredView } from "../slack-fake/index.ts";
import type { Harness } from "./harness.ts";
import { jsonText } from "./jsonText.ts";

/** The newest open modal of `callbackId` that `userId` has in the stand-in. */
export const newestView = (h: Harness, callbackId: string, userId: string): StoredView | undefined =>
  h.fake
    .views()
    .filter((v) => v.callback_id === callbackId && v.user === userId && v.open)
    .at(-1);

/** Waits for the form a command or button opens (after `opened` views.open calls) and returns its id. */
export async function formOpened(h: Harness, callbackId: string, userId: string, opened: number): Promise<string> {
  await expect.poll(() => h.fake.callsTo("views.open").length).toBeGreaterThan(opened);
  const view = newestView(h, callbackId, userId);
  if (!view) throw new Error(`no ${callbackId} form opened: ${jsonText(h.fake.callsTo("views.open").at(-1))}`);
  return view.id;
}

export interface FormCommand {
  userId: string;
  /** What follows `/incident`, e.g. `mediate TS-2026-0002`. */
  text: string;
  channelId: string;
  callbackId: string;
}

/** Types `/incident <text>` and returns the id of the form it opened. */
export async function openFormByCommand(h: Harness, command: FormCommand): Promise<string> {
  const opened = h.fake.callsTo("views.open").length;
  await h.driver.command({ text: command.text, userId: command.userId, channelId: command.channelId });
  return formOpened(h, command.callbackId, command.userId, opened);
}

/** The options of a form's select, as the user sees them. */
export function selectOptions(h: Harness, viewId: string, blockId: string): Array<{ value: string; label: string }> {
  const block = h.fake.view(viewId)?.blocks.find((b) => (b as { block_id?: string }).block_id === blockId) as
    | { element: { options: Array<{ value: string; text: { text: string } }> } }
    | undefined;
  return block?.element.options.map((o) => ({ value: o.value, label: o.text.text })) ?? [];
}
