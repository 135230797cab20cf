/** An in-memory stand-in for the Zendesk Support API's ticket updates, served over HTTP for the real bot to call. */
export { startZendeskFake, type ZendeskCall, ZendeskFake, type ZendeskFault } from "./fake.ts";
export type { StoredComment } from "./ticketUpdates.ts";
