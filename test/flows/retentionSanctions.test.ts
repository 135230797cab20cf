import { describe, expect, it } from "vitest";
import { REDACTED } from "../../src/core/retention.ts";
import { RETENTION_DAYS } from "../../src/core/retentionPeriods.ts";
import { PROPOSAL_BLOCK } from "../../src/slack/listeners/caseForms/proposalForm.ts";
import { USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { SANCTION_CASE as CASE, FACTS, useSanctionRoom } from "../support/sanctionRoom.ts";

const DAY = 24 * 60 * 60_000;
const RATIONALE = "The customer's neighbour saw the pro load the drill into his van";

const room = useSanctionRoom();

describe("retention of a sanctioned case", () => {
  it("redacts proposal facts, vote rationales and the facts of the decision's statement of reasons, keeps the rest of the decision and its account, and the chain verifies", async () => {
    await room.propose({ [PROPOSAL_BLOCK.rung]: "suspension_7d" });
    await room.vote(USERS.lead, "approve", RATIONALE);
    const statementBefore = JSON.parse(String(room.decisions()[0]?.statement));
    expect(statementBefore.decision_facts).toBe(FACTS);
    // What the export copies out for the decision: stored as it was recorded, facts and all.
    const exportTexts = () =>
      room.h.desk.database.sqlite.prepare("SELECT json, csv FROM decision_export_texts").all() as Array<{
        json: Buffer;
        csv: Buffer;
      }>;
    const [textsBefore] = exportTexts();
    expect(JSON.parse(String(textsBefore?.json)).statement).toEqual(statementBefore);
    expect(String(textsBefore?.csv)).toContain(FACTS);
    for (const status of ["resolved", "closed"] as const) room.moveTo(status);
    await room.h.settle();

    room.h.clock.advance((RETENTION_DAYS.conduct + 1) * DAY);
    await room.h.settle();

    expect(room.proposals()[0]).toMatchObject({ facts: REDACTED });
    expect(room.votes()[0]).toMatchObject({ rationale: REDACTED, choice: "approve", voter: USERS.lead });
    expect(room.decisions()[0]).toMatchObject({ rung: "suspension_7d" });
    const statement = JSON.parse(String(room.decisions()[0]?.statement));
    expect(statement).toEqual({ ...statementBefore, decision_facts: REDACTED });
    const [textsAfter] = exportTexts();
    expect(exportTexts()).toHaveLength(1);
    expect(JSON.parse(String(textsAfter?.json)).statement).toEqual(statement);
    expect(String(textsAfter?.csv)).not.toContain(FACTS);
    expect(String(textsAfter?.csv)).toContain(REDACTED);
    const timeline = JSON.stringify(room.events().map((e) => e.payload));
    expect(timeline).not.toContain(FACTS);
    expect(timeline).not.toContain(RATIONALE);
    expect(timeline).toContain("pro_9911");
    const [recorded] = room.eventsOf("personal_data_redacted").map((e) => JSON.parse(e.payload));
    expect(recorded.fields).toMatchObject({
      "proposal.facts": 1,
      "vote.rationale": 1,
      "decision.statement.decision_facts": 1,
      "timeline.vote_cast.rationale": 1,
    });
    const verify = await room.h.driver.command({
      text: `verify ${CASE}`,
      userId: USERS.observer,
      channelId: "C0OTHER",
    });
    expect(jsonText(verify.body)).toContain("chain intact");
  });
});
