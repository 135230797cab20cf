import { z } from "zod";
import { defineJob } from "./defineJob.ts";

const kind = "home.publish";

/**
 * Someone's App Home, published again once Slack's Retry-After has passed when a 429 refused it as they opened
 * it: one job per person and minute of refusals, rendering the home as it is when the job runs.
 */
export const publishHomeJob = defineJob({
  kind,
  payload: z.object({ userId: z.string().min(1) }),
  key: ({ userId }, minute: number) => `${kind}:${userId}:${minute}`,
});
