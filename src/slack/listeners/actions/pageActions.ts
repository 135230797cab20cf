import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";

/** The Acknowledge button on a page: scaffold, filled in with issue 6. */
export function registerPageActions(_app: App, _deps: FlowDeps): void {}
