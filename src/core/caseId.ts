const SLACK_CHANNEL_NAME_MAX = 80;

export function formatCaseId(year: number, seq: number): string {
  return `TS-${year}-${String(seq).padStart(4, "0")}`;
}

export function parseCaseId(text: string): { year: number; seq: number } | undefined {
  const match = /^TS-(\d{4})-(\d{1,9})$/i.exec(text.trim());
  if (!match) return undefined;
  return { year: Number(match[1]), seq: Number(match[2]) };
}

/**
 * War-room channel name: case number and category only, never personal data.
 * `attempt` > 1 adds a suffix after Slack answered `name_taken`.
 */
export function warRoomChannelName(year: number, seq: number, categorySlug: string, attempt = 1): string {
  const suffix = attempt > 1 ? `-${attempt}` : "";
  const base = `ts-${year}-${String(seq).padStart(4, "0")}-${categorySlug}`.toLowerCase().replace(/[^a-z0-9-_]+/g, "-");
  return `${base.slice(0, SLACK_CHANNEL_NAME_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
}
