/** An in-memory stand-in for the Slack Web API, served over HTTP for the real bot and WebClient to call. */
export { isRecord } from "./args.ts";
export { SlackFake, startSlackFake } from "./fake.ts";
export { actionFor, elementOf, type FieldValue, stateValues } from "./interactionState.ts";
export { EVERY_SCOPE } from "./scopes.ts";
export { FILE_HOST } from "./server.ts";
export type * from "./types.ts";
