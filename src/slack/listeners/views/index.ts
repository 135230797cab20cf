import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { registerConsultViews } from "./consultViews.ts";
import { registerIntakeSubmission } from "./intakeSubmission.ts";
import { registerSanctionViews } from "./sanctionViews.ts";
import { registerZendeskMappingSubmission } from "./zendeskMappingSubmission.ts";

/** Submissions of the modals not opened on a case (case forms submit through `caseForms/`). */
export function registerViews(app: App, deps: FlowDeps): void {
  registerIntakeSubmission(app, deps);
  registerConsultViews(app, deps);
  registerSanctionViews(app, deps);
  registerZendeskMappingSubmission(app, deps);
}
