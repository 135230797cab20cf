/** views.*: modals opened from triggers, updates guarded by hash, and Home tabs. */
import { fail, failMissing, optionalString, requiredString } from "../args.ts";
import { viewJson } from "../serialize.ts";
import type { FakeState } from "../state.ts";
import type { Args, StoredView } from "../types.ts";
import { createView, pushView, replaceView, validView } from "../viewStore.ts";
import type { MethodTable } from "./handler.ts";

function viewArg(args: Args, allowed: StoredView["type"][]) {
  if (args.view === undefined || args.view === "") failMissing("view");
  return validView(args.view, allowed);
}

function findView(state: FakeState, args: Args): StoredView {
  const viewId = optionalString(args, "view_id");
  const externalId = optionalString(args, "external_id");
  if (viewId === undefined && externalId === undefined) failMissing("view_id");
  const view =
    viewId !== undefined
      ? state.views.get(viewId)
      : [...state.views.values()].find((v) => v.external_id === externalId);
  return view ?? fail("not_found");
}

function assertHash(view: StoredView, args: Args): void {
  const hash = optionalString(args, "hash");
  if (hash !== undefined && hash !== view.hash) fail("hash_conflict");
}

export const viewMethods: MethodTable = {
  "views.open": (state, args) => {
    const triggerId = requiredString(args, "trigger_id");
    const spec = viewArg(args, ["modal"]);
    const context = state.useTrigger(triggerId);
    return { view: viewJson(createView(state, spec, context.userId ?? "")) };
  },

  "views.push": (state, args) => {
    const triggerId = requiredString(args, "trigger_id");
    const spec = viewArg(args, ["modal"]);
    const context = state.useTrigger(triggerId);
    const from = context.viewId === undefined ? undefined : state.views.get(context.viewId);
    const user = context.userId ?? from?.user ?? "";
    // A trigger from outside any modal has no stack to grow, so the view starts one.
    const view = from ? pushView(state, spec, user, from) : createView(state, spec, user);
    return { view: viewJson(view) };
  },

  "views.update": (state, args) => {
    const view = findView(state, args);
    // docs.slack.dev/reference/methods/views.update ("not_found"); stricter reading: a closed modal is not found.
    if (view.type === "modal" && !view.open) fail("not_found");
    assertHash(view, args);
    const spec = viewArg(args, [view.type]);
    return { view: viewJson(replaceView(state, view, spec)) };
  },

  "views.publish": (state, args) => {
    const userId = requiredString(args, "user_id");
    state.user(userId);
    const spec = viewArg(args, ["home"]);
    const existingId = state.homeViews.get(userId);
    const existing = existingId === undefined ? undefined : state.views.get(existingId);
    if (existing) {
      assertHash(existing, args);
      return { view: viewJson(replaceView(state, existing, spec)) };
    }
    const view = createView(state, spec, userId);
    state.homeViews.set(userId, view.id);
    return { view: viewJson(view) };
  },
};
