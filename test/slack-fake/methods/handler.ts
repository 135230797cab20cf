import type { FakeState } from "../state.ts";
import type { Args } from "../types.ts";

/** One Web API method: its success payload (without `ok`), or a thrown `SlackApiError`. */
export type MethodHandler = (state: FakeState, args: Args) => Record<string, unknown>;

export type MethodTable = Record<string, MethodHandler>;
