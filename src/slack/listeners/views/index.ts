import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../slackDeps.ts";
import { registerCloseViews } from "./closeViews.ts";
import { registerConsultViews } from "./consultViews.ts";
import { registerEvidenceViews } from "./evidenceViews.ts";
import { registerIntakeSubmission } from "./intakeSubmission.ts";
import { registerInvestigationViews } from "./investigationViews.ts";
import { registerSanctionViews } from "./sanctionViews.ts";

export function registerViews(app: App, deps: SlackDeps): void {
  registerIntakeSubmission(app, deps);
  registerEvidenceViews(app, deps);
  registerConsultViews(app, deps);
  registerInvestigationViews(app, deps);
  registerSanctionViews(app, deps);
  registerCloseViews(app, deps);
}
