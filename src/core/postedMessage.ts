/** A message the bot posted, as flows record it to update or point at it later. */
export interface PostedMessage {
  channel: string;
  ts: string;
}
