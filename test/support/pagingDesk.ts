import { expect } from "vitest";
import { ACTION } from "../../src/slack/ids.ts";
import { type SlackFake, startSlackFake } from "../slack-fake/index.ts";
import { dmChannelId } from "./dmChannelId.ts";
import { FakeClock } from "./fakeClock.ts";
import { type Harness, startHarness, USERS } from "./harness.ts";
import { intakeValues, submitIntake } from "./intake.ts";
import { jsonText } from "./jsonText.ts";
import { addLayer, addOnCallPeople, ON_CALL, who } from "./onCall.ts";
import { useFixture } from "./useFixture.ts";
import { localAt } from "./wallTime.ts";

export const MINUTE = 60_000;
/** In the escalation channel, but with no role: may not acknowledge a page. */
export const NO_ROLE = "U0NOROLE";
export const PAGING_CASE = "TS-2026-0001";
export const SATURDAY_2AM = localAt(2026, 11, 28, 2);
export const TUESDAY_11AM = localAt(2026, 12, 1, 11);
export const THEFT = intakeValues({ category: "theft", title: "Tools missing after a visit" }); // SEV2
export const VIOLENCE = intakeValues({ category: "physical-safety", title: "Pro was violent on site" }); // SEV1
export const HARASSMENT = intakeValues({ category: "harassment" }); // SEV3

type EventRow = { seq: number; kind: string; actor: string; payload: string };
type PageRow = Record<string, unknown> & { id: number; status: string; step: string };
export type Message = { ts: string; text?: string; blocks?: unknown[] };

/**
 * Arrange step shared by the paging specs: an escalation channel, and an on-call schedule of weekday evenings
 * (Cat) under weekends (Ana, then Ben), as leads set it up with `/incident oncall layer add`. Specs get it from
 * `usePagingDesk()` and call its helpers as `desk.x()`.
 */
export class PagingDesk {
  fake!: SlackFake;
  h!: Harness;
  escalationId = "";

  async open(): Promise<Harness> {
    const clock = new FakeClock();
    this.fake = await startSlackFake({
      now: () => clock.now(),
      users: [...Object.entries(USERS).map(([name, id]) => ({ id, name })), { id: NO_ROLE, name: "nobody" }],
      channels: [
        { name: "ts-triage", is_private: true, members: ["UBOT", USERS.specialist, USERS.lead] },
        { name: "ts-escalation", is_private: true, members: ["UBOT", USERS.lead, NO_ROLE] },
      ],
    });
    this.escalationId = this.fake.channelByName("ts-escalation")?.id ?? "";
    this.h = await startHarness({ fake: this.fake, clock, env: { ESCALATION_CHANNEL_ID: this.escalationId } });
    await addOnCallPeople(this.h);
    await addLayer(this.h, `evenings evenings=17:00-09:00 17:00 7 ${who(ON_CALL.cat)}`);
    await addLayer(this.h, `weekend weekends 09:00 7 ${who(ON_CALL.ana)} ${who(ON_CALL.ben)}`);
    return this.h;
  }

  close = async (): Promise<void> => {
    await this.h.close();
    await this.fake.close();
  };

  sql = <T>(query: string, ...params: unknown[]) => this.h.desk.database.sqlite.prepare(query).all(...params) as T[];
  pages = () => this.sql<PageRow>("SELECT * FROM pages ORDER BY id");
  eventsOf = (kind: string) =>
    this.sql<EventRow>("SELECT * FROM case_events WHERE case_id = 1 AND kind = ? ORDER BY seq", kind).map((e) => ({
      ...e,
      payload: JSON.parse(e.payload) as Record<string, unknown>,
    }));
  dms = (userId: string): Message[] =>
    dmChannelId(this.h.fake, userId) ? this.h.fake.messages(dmChannelId(this.h.fake, userId)) : [];
  escalations = (): Message[] => this.h.fake.messages(this.escalationId);
  roomId = () => this.h.fake.channelByName("ts-2026-0001-theft")?.id ?? "";
  ackButtonValue = (message: Message | undefined) =>
    /"action_id":"page_ack","value":"(\d+)"/.exec(jsonText(message?.blocks))?.[1];

  openCaseAt = async (when: number, values = THEFT): Promise<void> => {
    this.h.clock.set(when);
    await submitIntake(this.h, values);
    await this.h.settle();
  };

  advance = async (ms: number): Promise<void> => {
    this.h.clock.advance(ms);
    await this.h.settle();
  };

  /** Clicks Acknowledge on a page message; what the bot answered through the response URL. */
  acknowledge = async (
    userId: string,
    channelId: string,
    message: Message | undefined,
    shownMessage?: Record<string, unknown>,
  ) => {
    const res = await this.h.driver.clickButton({
      userId,
      channelId,
      messageTs: message?.ts ?? "",
      actionId: ACTION.ackPage,
      shownMessage,
    });
    await expect.poll(() => this.h.fake.responses(res.responseUrl).length).toBeGreaterThan(0);
    return this.h.fake.responses(res.responseUrl).map((r) => r.body as Record<string, unknown>);
  };

  pageCommand = async (args: string, userId: string = USERS.specialist, channelId = this.h.triageChannelId) => {
    const res = await this.h.driver.command({ text: `page ${args}`.trim(), userId, channelId });
    return (res.body as { text?: string }).text ?? "";
  };
}

/** A fresh paging desk before each test of the calling spec, closed after it. */
export const usePagingDesk = (): PagingDesk => useFixture(new PagingDesk());
