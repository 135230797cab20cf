import type { FlowDeps } from "../../flows/deps.ts";
import { type SubmissionBlocks, type SubmissionErrors, toSubmissionErrors } from "../errors.ts";
import type { ModalView } from "../views/blocks.ts";

/** What a view submission answers Slack: nothing (the form closes), another view, or field errors. */
export type SubmissionAnswer = SubmissionErrors | { response_action: "update"; view: ModalView } | undefined;

/**
 * Runs a submission and answers Slack: nothing (the form closes) on success, or the view `work` returns in
 * its place; field errors on their blocks, and any other failure shown on the fallback block so the form
 * stays open with what was typed.
 */
export async function answerSubmission(
  deps: FlowDeps,
  context: { callbackId: string; viewId: string; userId: string },
  blocks: SubmissionBlocks,
  work: () => Promise<ModalView | undefined> | ModalView | undefined,
): Promise<SubmissionAnswer> {
  try {
    const view = await work();
    return view ? { response_action: "update", view } : undefined;
  } catch (error) {
    return toSubmissionErrors(error, blocks, deps.log, context);
  }
}
