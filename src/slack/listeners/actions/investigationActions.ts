import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";

export function registerInvestigationActions(_app: App, _deps: FlowDeps): void {}
