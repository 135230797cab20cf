import { describe, expect, it } from "vitest";
import { STATUS_FORM } from "../../src/slack/listeners/caseForms/statusForm.ts";
import { USERS } from "../support/harness.ts";
import { caseRows, intakeValues, openIntakeModal, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { SEV1_CASE, SEV1_ROOM, useSev1WarRoom } from "../support/sev1WarRoom.ts";

/** apps.connections.open is Tier 1 (one a minute, stricter reading): a reconnect comes a minute after the last. */
const TIER_1_WINDOW_MS = 61_000;

const room = useSev1WarRoom({ socketMode: true });

const link = () => room.h.fake.socketMode;
const connectionOpens = () => room.h.fake.callsTo("apps.connections.open");
const caseOpenedEvents = () =>
  room.sqlite().prepare("SELECT COUNT(*) FROM case_events WHERE kind = 'case_opened'").pluck().get();

/** Every envelope Slack sent was answered with exactly one ack, none late and none naming no envelope. */
function expectEveryEnvelopeAckedOnce(): void {
  expect(link().deliveries.map((d) => ({ type: d.envelope.type, acks: d.acks.length, late: d.timedOut }))).toEqual(
    link().deliveries.map((d) => ({ type: d.envelope.type, acks: 1, late: false })),
  );
  expect(link().strayAcks).toEqual([]);
}

/** A second intake, after something happened to the connection: it must open TS-2026-0002 as over HTTP. */
async function expectNextIntakeOpensACase(): Promise<void> {
  const { body } = await submitIntake(room.h, intakeValues({ title: "Second report after the reconnect" }));
  expect(body).toMatchObject({ response_action: "update", view: { title: { text: "Case opened" } } });
  expect(caseRows(room.h).map((row) => row.human_id)).toEqual([SEV1_CASE, "TS-2026-0002"]);
}

describe("Socket Mode", () => {
  it("opens the war room and pins the summary for an intake sent over the WebSocket", async () => {
    expect(connectionOpens()).toHaveLength(1);
    expect(connectionOpens()[0]).toMatchObject({ ok: true });
    expect(room.h.fake.channelByName(SEV1_ROOM)).toMatchObject({ is_private: true });
    expect(room.h.fake.members(room.roomId)).toEqual(expect.arrayContaining([USERS.specialist]));
    expect(jsonText(room.pinnedSummary()?.blocks)).toContain(SEV1_CASE);
    expect(link().deliveries.map((d) => d.envelope.type)).toEqual(["slash_commands", "interactive"]);
    expectEveryEnvelopeAckedOnce();
  });

  it("opens a form from a summary button and applies its submission, acking each envelope once", async () => {
    const viewId = await room.openByButton(USERS.specialist, STATUS_FORM.button.actionId, STATUS_FORM.callbackId);
    const res = await room.submit(viewId, USERS.specialist, { status: "investigating", note: "Reporter called back" });
    expect(res).toEqual({ status: 200, body: "" });
    expect(room.events().at(-1)).toMatchObject({ kind: "status_changed", actor: USERS.specialist });
    await room.h.settle();
    expect(jsonText(room.pinnedSummary()?.blocks)).toContain("Investigating");
    expectEveryEnvelopeAckedOnce();
  });

  it("reconnects after the connection drops, with a new URL, and takes the next intake", async () => {
    room.h.clock.advance(TIER_1_WINDOW_MS);
    link().drop();
    await expectNextIntakeOpensACase();
    expect(connectionOpens().map((call) => call.ok)).toEqual([true, true]);
    expect(link().connectionsOpened).toBe(2);
    expect(link().refusedConnections).toBe(0);
  });

  it("reconnects when Slack asks for a refresh, and takes the next intake", async () => {
    room.h.clock.advance(TIER_1_WINDOW_MS);
    link().disconnect("refresh_requested");
    await expectNextIntakeOpensACase();
    expect(connectionOpens()).toHaveLength(2);
    expect(link().connectionsOpened).toBe(2);
  });

  it("reconnects through a failed apps.connections.open instead of staying deaf", async () => {
    room.h.clock.advance(TIER_1_WINDOW_MS);
    room.h.fake.inject("apps.connections.open", { status: 503 });
    link().drop();
    await expectNextIntakeOpensACase();
    expect(connectionOpens().map((call) => call.status)).toEqual([200, 503, 200]);
  });

  it("keeps one case when Slack redelivers a submission whose ack was lost with the connection", async () => {
    const viewId = await openIntakeModal(room.h);
    room.h.clock.advance(TIER_1_WINDOW_MS);
    link().loseNextAck();
    const submitted = room.h.driver.submitView({ viewId, userId: USERS.specialist, values: intakeValues() });
    await expect(submitted).rejects.toThrow(/not acknowledged within 3 s/);
    const lost = link().deliveries.at(-1);
    expect(caseRows(room.h)).toHaveLength(2);

    const answer = await link().redeliver(lost?.envelope.envelope_id ?? "");
    expect(link().deliveriesOf(lost?.envelope.envelope_id ?? "")).toHaveLength(2);
    expect(jsonText(answer)).toContain("TS-2026-0002");
    expect(caseRows(room.h).map((row) => row.human_id)).toEqual([SEV1_CASE, "TS-2026-0002"]);
    expect(caseOpenedEvents()).toBe(2);
  });

  it("handles an Events API envelope redelivered with its event_id once", async () => {
    const publishes = () => room.h.fake.callsTo("views.publish").length;
    const before = publishes();
    const event = { type: "app_home_opened", user: USERS.lead, tab: "home" };
    await room.h.driver.event({ event, eventId: "Ev0SOCKET1" });
    await room.h.driver.event({ event, eventId: "Ev0SOCKET1", retryNum: 1 });
    expect(publishes()).toBe(before + 1);
    expect(link().deliveries.at(-1)?.envelope).toMatchObject({ type: "events_api", retry_attempt: 1 });
    expectEveryEnvelopeAckedOnce();
  });

  it("leaves a failed event unacknowledged, so Slack's redelivery of it is handled", async () => {
    const event = { type: "app_home_opened", user: USERS.lead, tab: "home" };
    room.h.fake.inject("views.publish", { error: "internal_error" });
    await expect(room.h.driver.event({ event, eventId: "Ev0FAILSONCE" })).rejects.toThrow(/not acknowledged/);
    expect(room.h.fake.homeView(USERS.lead)).toBeUndefined();

    await link().redeliver(link().deliveries.at(-1)?.envelope.envelope_id ?? "");
    expect(room.h.fake.homeView(USERS.lead)).toBeDefined();
    expect(room.sqlite().prepare("SELECT COUNT(*) FROM processed_slack_events").pluck().get()).toBe(1);
  });

  it("acknowledges a click no listener handles, as the HTTP endpoint answers it", async () => {
    const linkButton = { type: "button", action_id: "open_runbook", text: { type: "plain_text", text: "Runbook" } };
    const message = room.h.fake.addMessage({
      channel: room.roomId,
      user: USERS.lead,
      text: "Runbook",
      blocks: [{ type: "actions", block_id: "runbook", elements: [{ ...linkButton, url: "https://example.com/rb" }] }],
    });
    const click = { userId: USERS.lead, channelId: room.roomId, messageTs: message.ts, actionId: "open_runbook" };
    expect(await room.h.driver.clickButton(click)).toMatchObject({ status: 200, body: "" });
    expectEveryEnvelopeAckedOnce();
  });

  it("acks and ignores a command missing fields Slack always sends, as the HTTP guard refuses it", async () => {
    const opened = room.h.fake.callsTo("views.open").length;
    const answer = await link().deliver("slash_commands", {
      command: "/incident",
      text: "",
      user_id: USERS.specialist,
      channel_id: room.h.triageChannelId,
      trigger_id: room.h.fake.issueTriggerId({ userId: USERS.specialist }),
    });
    expect(answer).toEqual({});
    expect(room.h.fake.callsTo("views.open")).toHaveLength(opened);
    expectEveryEnvelopeAckedOnce();
  });
});
