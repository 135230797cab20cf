/**
 * Whom to tell about a case: its owner, else whoever opened it; null when the bot opened it (a Zendesk ticket)
 * and nobody owns it yet, since a mention or DM of the bot reaches nobody: the triage channel hears instead.
 */
export function caseContact(record: { ownerId: string | null; createdBy: string }, botUserId: string): string | null {
  if (record.ownerId) return record.ownerId;
  return record.createdBy === botUserId ? null : record.createdBy;
}
