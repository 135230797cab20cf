import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";

export function registerSanctionViews(_app: App, _deps: FlowDeps): void {}
