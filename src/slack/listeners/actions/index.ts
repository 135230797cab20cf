import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { registerCloseActions } from "./closeActions.ts";
import { registerConsultActions } from "./consultActions.ts";
import { registerEvidenceActions } from "./evidenceActions.ts";
import { registerInvestigationActions } from "./investigationActions.ts";
import { registerOpenWarRoom } from "./openWarRoom.ts";
import { registerPageActions } from "./pageActions.ts";
import { registerSanctionActions } from "./sanctionActions.ts";

export function registerActions(app: App, deps: FlowDeps): void {
  registerOpenWarRoom(app, deps);
  registerEvidenceActions(app, deps);
  registerConsultActions(app, deps);
  registerInvestigationActions(app, deps);
  registerSanctionActions(app, deps);
  registerCloseActions(app, deps);
  registerPageActions(app, deps);
}
