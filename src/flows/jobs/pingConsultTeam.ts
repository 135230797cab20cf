import { z } from "zod";
import type { ConsultRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "consult.ping";

/** `ping` reaches the team; `answered` takes the answer back to the case's room. */
const phases = z.enum(["ping", "answered"]);
type ConsultPingPhase = z.infer<typeof phases>;

// Keys written before the two phases shared a kind: the answer had a kind of its own.
const KEY_PREFIX: Record<ConsultPingPhase, string> = { ping: kind, answered: "consult.answered" };

export const pingConsultTeamJob = defineJob({
  kind,
  payload: z.object({ consultId: rowId, phase: phases.default("ping") }),
  key: ({ consultId, phase }) => `${KEY_PREFIX[phase]}:${consultId}`,
});

export function enqueueConsultPing(tx: Executor, consult: ConsultRow, phase: ConsultPingPhase, now: number): void {
  pingConsultTeamJob.enqueue(
    tx,
    { caseId: consult.caseId, payload: { consultId: consult.id, phase }, runAt: now },
    now,
  );
}
