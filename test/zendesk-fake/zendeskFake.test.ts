import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addInternalNote, ZendeskApiError, zendeskAuthorization } from "../../src/zendesk/client.ts";
import { FakeClock } from "../support/fakeClock.ts";
import { startZendeskFake, type ZendeskFake } from "./index.ts";

const TICKET = 482113;

describe("the Zendesk stand-in", () => {
  let zendesk: ZendeskFake;
  const clock = new FakeClock();
  const api = () => ({ apiUrl: zendesk.url, email: zendesk.email, apiToken: zendesk.apiToken });
  const put = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${zendesk.url}${path}`, {
      method: "PUT",
      headers: { authorization: zendeskAuthorization(api()), "content-type": "application/json", ...headers },
      body,
    });

  beforeEach(async () => {
    zendesk = await startZendeskFake({ now: () => clock.now(), tickets: [TICKET] });
  });
  afterEach(() => zendesk.close());

  it("stores an internal note the client adds, as not public", async () => {
    await addInternalNote(api(), String(TICKET), "Case TS-2026-0001 opened");
    expect(zendesk.comments(TICKET)).toEqual([
      { ticketId: TICKET, body: "Case TS-2026-0001 opened", public: false, at: clock.now() },
    ]);
  });

  it("stores a comment sent without `public` as a public reply, so a client that omits it is caught", async () => {
    const res = await put(`/api/v2/tickets/${TICKET}.json`, JSON.stringify({ ticket: { comment: { body: "hi" } } }));
    expect(res.status).toBe(200);
    expect(zendesk.comments(TICKET)[0]?.public).toBe(true);
  });

  it("answers 401 to a wrong token or a password instead of a token, storing nothing", async () => {
    const wrong = { ...api(), apiToken: "not-the-token" };
    await expect(addInternalNote(wrong, String(TICKET), "x")).rejects.toMatchObject({ status: 401 });
    const password = `Basic ${Buffer.from(`${zendesk.email}:${zendesk.apiToken}`).toString("base64")}`;
    const res = await put(`/api/v2/tickets/${TICKET}.json`, "{}", { authorization: password });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Couldn't authenticate you" });
    expect(zendesk.comments()).toEqual([]);
  });

  it("answers 404 RecordNotFound for an unknown ticket and InvalidEndpoint for another path", async () => {
    const error = await addInternalNote(api(), "999", "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZendeskApiError);
    expect((error as ZendeskApiError).message).toBe("Zendesk 404: RecordNotFound: Not found");
    const res = await put(`/api/v2/tickets/${TICKET}`, "{}");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "InvalidEndpoint", description: "Not found" });
  });

  it.each([
    ["a body that is not JSON", "{ticket:", {}, 400],
    ["a body without a ticket", JSON.stringify({ comment: { body: "x" } }), {}, 400],
    ["a form-encoded body", "ticket=1", { "content-type": "application/x-www-form-urlencoded" }, 400],
    ["an update without a comment", JSON.stringify({ ticket: { status: "open" } }), {}, 422],
    ["a blank comment", JSON.stringify({ ticket: { comment: { body: "  ", public: false } } }), {}, 422],
    ["a `public` that is no boolean", JSON.stringify({ ticket: { comment: { body: "x", public: "no" } } }), {}, 422],
  ])("refuses %s with %s and Zendesk's error JSON", async (_what, body, headers, status) => {
    const res = await put(`/api/v2/tickets/${TICKET}.json`, body, headers);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: expect.any(String) });
    expect(zendesk.comments()).toEqual([]);
  });

  it("answers injected 429s with Retry-After, then 5xx, then serves again", async () => {
    zendesk.inject({ kind: "rate_limited", retryAfter: 7, times: 2 });
    zendesk.inject({ kind: "server_error", status: 503 });
    const statuses: Array<[number, string | null]> = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await put(
        `/api/v2/tickets/${TICKET}.json`,
        JSON.stringify({ ticket: { comment: { body: "x", public: false } } }),
      );
      statuses.push([res.status, res.headers.get("retry-after")]);
    }
    expect(statuses).toEqual([
      [429, "7"],
      [429, "7"],
      [503, null],
      [200, null],
    ]);
    expect(zendesk.comments(TICKET)).toHaveLength(1);
  });
});
