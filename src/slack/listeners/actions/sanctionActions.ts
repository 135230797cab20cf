import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";

export function registerSanctionActions(_app: App, _deps: FlowDeps): void {}
