import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { registerIncidentCommand } from "./incidentCommand.ts";

export function registerCommands(app: App, deps: FlowDeps): void {
  registerIncidentCommand(app, deps);
}
