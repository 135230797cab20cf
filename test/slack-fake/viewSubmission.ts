import { isRecord } from "./args.ts";
import type { FakeState } from "./state.ts";
import type { StoredView } from "./types.ts";
import { closeView, pushView, replaceView, validView } from "./viewStore.ts";

/**
 * Applies the app's answer to a view_submission as Slack would: empty closes the view, `errors` keeps it
 * open (and must name input blocks of it), `update` replaces it, `push` stacks a new one, `clear` closes all.
 */
export function applyViewSubmissionResponse(state: FakeState, view: StoredView, response: unknown): void {
  const action = isRecord(response) ? response.response_action : undefined;
  if (!isRecord(response) || action === undefined) closeView(state, view);
  else if (action === "clear") closeView(state, view, { clear: true });
  else if (action === "update") replaceView(state, view, validView(response.view, ["modal"]));
  else if (action === "push") pushView(state, validView(response.view, ["modal"]), view.user, view);
  else if (action === "errors") assertErrorsNameInputs(view, response.errors);
  else throw new Error(`slack-fake: Slack does not accept response_action ${JSON.stringify(action)}`);
}

/** Slack refuses a `response_action: errors` whose keys are not input block ids of the submitted view. */
function assertErrorsNameInputs(view: StoredView, errors: unknown): void {
  if (!isRecord(errors) || Object.keys(errors).length === 0) {
    throw new Error("slack-fake: response_action errors needs a non-empty errors object");
  }
  const inputIds = new Set(
    view.blocks
      .filter(isRecord)
      .filter((b) => b.type === "input")
      .map((b) => b.block_id),
  );
  const unknown = Object.keys(errors).filter((blockId) => !inputIds.has(blockId));
  if (unknown.length > 0)
    throw new Error(`slack-fake: errors name blocks that are not inputs of the view: ${unknown.join(", ")}`);
}
