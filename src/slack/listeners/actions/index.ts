import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../slackDeps.ts";
import { registerConsultActions } from "./consultActions.ts";
import { registerOpenWarRoom } from "./openWarRoom.ts";
import { registerPageActions } from "./pageActions.ts";
import { registerSanctionActions } from "./sanctionActions.ts";

/** Buttons that open no case form (those are wired from `caseForms/`). */
export function registerActions(app: App, deps: SlackDeps): void {
  registerOpenWarRoom(app, deps);
  registerConsultActions(app, deps);
  registerSanctionActions(app, deps);
  registerPageActions(app, deps);
}
