import { beforeEach, describe, expect, it } from "vitest";
import { CONSULT_BLOCK } from "../../src/slack/listeners/caseForms/consultForm.ts";
import { DAY, HOUR, LEGAL_1, LEGAL_2, seconds, useConsultRoom } from "../support/consultRoom.ts";
import { dmChannelId } from "../support/dmChannelId.ts";
import { USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";

const room = useConsultRoom();

describe("when an answer is overdue", () => {
  let due: number;
  beforeEach(async () => {
    await room.investigatedCase();
    due = room.h.clock.now() + 2 * HOUR;
    await room.requestConsultFromSummary({ [CONSULT_BLOCK.due]: seconds(due) });
    await room.h.settle();
  });

  const reminders = () =>
    room.h.fake.messages(dmChannelId(room.h.fake, LEGAL_1)).filter((m) => m.text.startsWith("Reminder"));
  const roomReminders = () => room.roomTexts().filter((t) => t.includes(":alarm_clock:"));
  const advanceTo = async (at: number) => {
    room.h.clock.set(at);
    await room.h.settle();
  };

  it("reminds the team and the requester once at the due time, then every 24 h until answered", async () => {
    await advanceTo(due - 1000);
    expect(reminders()).toHaveLength(0);
    await advanceTo(due + 1000);
    expect(reminders()).toHaveLength(1);
    expect(
      room.h.fake.messages(dmChannelId(room.h.fake, LEGAL_2)).filter((m) => m.text.startsWith("Reminder")),
    ).toHaveLength(1);
    expect(roomReminders()).toEqual([expect.stringContaining(`<@${USERS.specialist}> the consult to *Legal*`)]);
    expect(jsonText(room.summary()?.blocks)).toContain("overdue");
    await advanceTo(due + DAY - 1000);
    expect(reminders()).toHaveLength(1);
    await advanceTo(due + DAY + 1000);
    expect(reminders()).toHaveLength(2);
    expect(roomReminders()).toHaveLength(2);

    await room.answer(LEGAL_1, "Only with a warrant.");
    await advanceTo(due + 3 * DAY);
    expect(reminders()).toHaveLength(2);
    expect(roomReminders()).toHaveLength(2);
  });

  it("sends no reminder for a consult answered in time", async () => {
    await room.answer(LEGAL_2, "Only with a warrant.");
    await advanceTo(due + 2 * DAY);
    expect(reminders()).toHaveLength(0);
    expect(roomReminders()).toHaveLength(0);
  });

  it("still reminds after a restart", async () => {
    await room.h.restart();
    await advanceTo(due + 1000);
    expect(reminders()).toHaveLength(1);
    expect(roomReminders()).toHaveLength(1);
  });
});
