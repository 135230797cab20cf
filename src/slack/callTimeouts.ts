/**
 * How long a Web API call may take before the client gives up. Without a bound a stalled connection to Slack
 * holds a listener or a job forever (the client's own default is no timeout at all).
 */

/** A listener answers a person inside Slack's 3 seconds (a trigger_id expires then): a later answer is no use. */
export const LISTENER_SLACK_CALL_TIMEOUT_MS = 3_000;

/** At most 10 s, and half the job's lease, so a hung attempt fails and retries before its lease runs out. */
export const jobSlackCallTimeoutMs = (leaseMs: number): number => Math.min(10_000, Math.floor(leaseMs / 2));
