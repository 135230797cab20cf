import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { registerCloseViews } from "./closeViews.ts";
import { registerConsultViews } from "./consultViews.ts";
import { registerEvidenceViews } from "./evidenceViews.ts";
import { registerIntakeSubmission } from "./intakeSubmission.ts";
import { registerInvestigationViews } from "./investigationViews.ts";
import { registerSanctionViews } from "./sanctionViews.ts";

export function registerViews(app: App, deps: FlowDeps): void {
  registerIntakeSubmission(app, deps);
  registerEvidenceViews(app, deps);
  registerConsultViews(app, deps);
  registerInvestigationViews(app, deps);
  registerSanctionViews(app, deps);
  registerCloseViews(app, deps);
}
