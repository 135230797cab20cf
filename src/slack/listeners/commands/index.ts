import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../slackDeps.ts";
import { registerIncidentCommand } from "./incidentCommand.ts";

export function registerCommands(app: App, deps: SlackDeps): void {
  registerIncidentCommand(app, deps);
}
