import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { registerOpenWarRoom } from "./openWarRoom.ts";

export function registerActions(app: App, deps: FlowDeps): void {
  registerOpenWarRoom(app, deps);
}
