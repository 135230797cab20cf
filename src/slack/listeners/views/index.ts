import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { registerIntakeSubmission } from "./intakeSubmission.ts";

export function registerViews(app: App, deps: FlowDeps): void {
  registerIntakeSubmission(app, deps);
}
