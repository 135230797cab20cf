import { expect } from "vitest";
import { formOpened, newestView, openFormByCommand, selectOptions } from "./caseForms.ts";
import { grantRole, type Harness, startHarness } from "./harness.ts";
import { intakeValues, submitIntake } from "./intake.ts";
import { jsonText } from "./jsonText.ts";
import { useFixture } from "./useFixture.ts";

export const SEV1_CASE = "TS-2026-0001";
export const SEV1_ROOM = "ts-2026-0001-physical-safety";
/** A consultant on nobody's team until a test consults them. */
export const CONSULTANT = "U0LEGAL1";
export const SEV1 = intakeValues({ category: "physical-safety", title: "Customer reports pro was violent on site" });

export type Reply = { response_type: string; text: string; blocks?: unknown[] };
export type FieldErrors = { response_action: "errors"; errors: Record<string, string> };
export type EventRow = { seq: number; kind: string; actor: string; payload: string; prev_hash: string; hash: string };

/** Each row follows the one before it: numbered from 1, each pointing at the previous hash. */
export function expectChained(rows: EventRow[]): void {
  rows.forEach((row, i) => {
    expect(row.seq).toBe(i + 1);
    if (i > 0) expect(row.prev_hash).toBe(rows[i - 1]?.hash);
  });
}

/**
 * Arrange step shared by the case-form specs: a SEV1 case opened through the intake modal, so it has its war
 * room with the pinned summary, and a consultant in the workspace. Specs get it from `useSev1WarRoom()` and
 * call its helpers as `room.x()`.
 */
export class Sev1WarRoom {
  h!: Harness;
  roomId = "";

  /**
   * `consultantRole: false` leaves the consultant without a role until a test grants one; `socketMode: true`
   * runs the bot in Socket Mode, every interaction an envelope on its WebSocket.
   */
  constructor(
    private readonly options: { consultantRole?: boolean; socketMode?: boolean; env?: Record<string, string> } = {},
  ) {}

  /** Starts the app and opens the case. */
  async open(): Promise<Harness> {
    this.h = await startHarness({ socketMode: this.options.socketMode ?? false, env: this.options.env ?? {} });
    this.h.fake.addUser({ id: CONSULTANT, name: "legal" });
    if (this.options.consultantRole ?? true) await grantRole(this.h, CONSULTANT, "consultant");
    await submitIntake(this.h, SEV1);
    await this.h.settle();
    this.roomId = this.h.fake.channelByName(SEV1_ROOM)?.id ?? "";
    return this.h;
  }

  close = (): Promise<void> => this.h.close();

  sqlite = () => this.h.desk.database.sqlite;

  /** The case's chained timeline, read from the table. */
  events = (caseId = 1): EventRow[] =>
    this.sqlite().prepare("SELECT * FROM case_events WHERE case_id = ? ORDER BY seq").all(caseId) as EventRow[];

  pinnedSummary = () => this.h.fake.message(this.roomId, this.h.fake.pins(this.roomId)[0] ?? "");

  /** `/incident <text>`, by default in the case's war room. */
  run = async (userId: string, commandText: string, channelId = this.roomId) => {
    const res = await this.h.driver.command({ text: commandText, userId, channelId });
    return { ...res, reply: res.body as Reply };
  };

  newestView = (callbackId: string, userId: string) => newestView(this.h, callbackId, userId);

  formOpened = (callbackId: string, userId: string, opened: number): Promise<string> =>
    formOpened(this.h, callbackId, userId, opened);

  openByCommand = (userId: string, commandText: string, callbackId: string): Promise<string> =>
    openFormByCommand(this.h, { userId, text: commandText, channelId: this.roomId, callbackId });

  clickSummary = (userId: string, actionId: string) =>
    this.h.driver.clickButton({
      userId,
      channelId: this.roomId,
      messageTs: this.h.fake.pins(this.roomId)[0] ?? "",
      actionId,
    });

  openByButton = async (userId: string, actionId: string, callbackId: string): Promise<string> => {
    const opened = this.h.fake.callsTo("views.open").length;
    await this.clickSummary(userId, actionId);
    return formOpened(this.h, callbackId, userId, opened);
  };

  /** A button refusal arrives through the response_url, after the ack. */
  buttonRefusal = async (userId: string, actionId: string): Promise<string> => {
    const click = await this.clickSummary(userId, actionId);
    await expect.poll(() => this.h.fake.responses(click.responseUrl).length).toBe(1);
    return jsonText(this.h.fake.responses(click.responseUrl)[0]?.body);
  };

  /** A form subcommand is checked before the form opens: a refusal is the command's own ephemeral answer. */
  commandRefusal = async (userId: string, commandText: string, channelId = this.roomId): Promise<Reply> => {
    const opened = this.h.fake.callsTo("views.open").length;
    const { reply } = await this.run(userId, commandText, channelId);
    expect(this.h.fake.callsTo("views.open")).toHaveLength(opened);
    return reply;
  };

  submit = (viewId: string, userId: string, values: Record<string, string | null>) =>
    this.h.driver.submitView({ viewId, userId, values });

  selectOptions = (viewId: string, blockId: string) => selectOptions(this.h, viewId, blockId);

  optionValues = (viewId: string, blockId: string): string[] =>
    selectOptions(this.h, viewId, blockId).map((o) => o.value);
}

/** A fresh SEV1 war room before each test of the calling spec, closed after it. */
export const useSev1WarRoom = (options: { socketMode?: boolean } = {}): Sev1WarRoom =>
  useFixture(new Sev1WarRoom(options));
