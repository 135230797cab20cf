import { z } from "zod";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "war_room.topic";

/** Queued with a summary refresh (`enqueueCaseRefresh`): `version` is the timeline seq of the change. */
export const setWarRoomTopicJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId }),
  key: ({ caseId }, version: number) => `${kind}:${caseId}:${version}`,
});
