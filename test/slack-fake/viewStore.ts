/** Modal stacks and Home tabs: validating a view as Slack does, then opening, pushing, replacing and closing. */
import { fail, isRecord } from "./args.ts";
import { asErrorMessages, checkText, missingField, type Problems, tooLong } from "./blockKitText.ts";
import { blockProblems } from "./blockLimits.ts";
import type { FakeState } from "./state.ts";
import type { StoredView } from "./types.ts";

const LIMITS = { buttonText: 24, blocks: 100, privateMetadata: 3000, callbackId: 255, externalId: 255 } as const;
/** The root view plus at most two pushed ones. */
const MAX_STACK = 3;

export type ViewType = StoredView["type"];
export type ViewSpec = Record<string, unknown> & { type: ViewType };

function checkLength(view: Record<string, unknown>, key: string, max: number, problems: Problems): void {
  const value = view[key];
  if (typeof value === "string" && value.length > max) problems.push(tooLong(max, `/view/${key}`));
}

/** Every problem Slack would report with a view argument, in its `[json-pointer:/view/…]` form. */
export function viewProblems(view: Record<string, unknown>, allowed: readonly ViewType[]): Problems {
  const problems: Problems = [];
  if (!allowed.includes(view.type as ViewType)) {
    return [`failed to match all allowed schemas [json-pointer:/view]`];
  }
  if (view.type === "modal") {
    if (view.title === undefined) problems.push(missingField("title", "/view"));
    else checkText(view.title, "/view/title", LIMITS.buttonText, problems, true);
    for (const key of ["submit", "close"] as const) {
      if (view[key] !== undefined) checkText(view[key], `/view/${key}`, LIMITS.buttonText, problems, true);
    }
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isRecord(b) && b.type === "input");
    if (hasInput && view.submit === undefined) problems.push(missingField("submit", "/view"));
  }
  if (view.blocks === undefined) problems.push(missingField("blocks", "/view"));
  else problems.push(...blockProblems(view.blocks, "/view/blocks", LIMITS.blocks));
  checkLength(view, "private_metadata", LIMITS.privateMetadata, problems);
  checkLength(view, "callback_id", LIMITS.callbackId, problems);
  checkLength(view, "external_id", LIMITS.externalId, problems);
  return problems;
}

/** A view argument that passes Slack's checks, or `invalid_arguments` with Slack's `[ERROR] …` messages. */
export function validView(raw: unknown, allowed: readonly ViewType[]): ViewSpec {
  const view = typeof raw === "string" ? parseJson(raw) : raw;
  if (!isRecord(view))
    return fail("invalid_arguments", {
      response_metadata: { messages: ["[ERROR] failed to match all allowed schemas [json-pointer:/view]"] },
    });
  const problems = viewProblems(view, allowed);
  if (problems.length > 0) fail("invalid_arguments", { response_metadata: { messages: asErrorMessages(problems) } });
  return view as ViewSpec;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function newHash(state: FakeState): string {
  return `${state.nowSeconds()}.${state.randomToken(4)}`;
}

function assertExternalIdFree(state: FakeState, externalId: unknown, except?: string): void {
  if (typeof externalId !== "string" || externalId === "") return;
  for (const view of state.views.values()) {
    if (view.id !== except && view.external_id === externalId) fail("duplicate_external_id");
  }
}

function contentOf(state: FakeState, spec: ViewSpec) {
  return {
    type: spec.type,
    title: spec.title,
    submit: spec.submit,
    close: spec.close,
    blocks: state.withBlockIds(Array.isArray(spec.blocks) ? spec.blocks : []),
    callback_id: typeof spec.callback_id === "string" ? spec.callback_id : "",
    private_metadata: typeof spec.private_metadata === "string" ? spec.private_metadata : "",
    external_id: typeof spec.external_id === "string" ? spec.external_id : "",
    clear_on_close: spec.clear_on_close === true,
    notify_on_close: spec.notify_on_close === true,
  };
}

export function createView(state: FakeState, spec: ViewSpec, user: string, parent?: StoredView): StoredView {
  assertExternalIdFree(state, spec.external_id);
  const id = state.nextId("V");
  const rootId = parent?.root_view_id ?? (spec.type === "modal" ? id : null);
  const view: StoredView = {
    id,
    team_id: state.config.teamId,
    user,
    ...contentOf(state, spec),
    hash: newHash(state),
    state: { values: {} },
    root_view_id: rootId,
    previous_view_id: parent?.id ?? null,
    app_id: state.config.appId,
    bot_id: state.config.botId,
    app_installed_team_id: state.config.teamId,
    open: true,
  };
  state.views.set(id, view);
  if (rootId !== null) state.stacks.set(rootId, [...(state.stacks.get(rootId) ?? []), id]);
  return view;
}

/** Stacks a view on the one an interaction came from. */
export function pushView(state: FakeState, spec: ViewSpec, user: string, from: StoredView): StoredView {
  const stack = stackOf(state, from).filter((view) => view.open);
  if (stack.length >= MAX_STACK) fail("push_limit_reached");
  return createView(state, spec, user, stack.at(-1) ?? from);
}

export function replaceView(state: FakeState, view: StoredView, spec: ViewSpec): StoredView {
  assertExternalIdFree(state, spec.external_id, view.id);
  const content = contentOf(state, spec);
  // A replacement that names no external_id keeps the one the view had.
  if (typeof spec.external_id !== "string") content.external_id = view.external_id;
  Object.assign(view, content, { hash: newHash(state) });
  return view;
}

export function stackOf(state: FakeState, view: StoredView): StoredView[] {
  const ids = view.root_view_id ? (state.stacks.get(view.root_view_id) ?? []) : [view.id];
  return ids.map((id) => state.views.get(id)).filter((v): v is StoredView => v !== undefined);
}

/** Closing one view closes those stacked above it; `clear` closes the whole modal. */
export function closeView(state: FakeState, view: StoredView, options: { clear?: boolean } = {}): void {
  const stack = stackOf(state, view);
  const from = options.clear ? 0 : stack.findIndex((v) => v.id === view.id);
  for (const closing of stack.slice(Math.max(from, 0))) closing.open = false;
}
