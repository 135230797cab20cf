import { integer, text } from "drizzle-orm/sqlite-core";

/** The row id every table but the keyed ones has. */
export const rowId = () => integer("id").primaryKey({ autoIncrement: true });

/**
 * The steps of a job that posts a progress message and shares files with it (a decision export, a report), each
 * recorded as it is done so a retried job neither posts a second message nor shares the files twice.
 */
export const sharedFilesSteps = () => ({
  progressChannelId: text("progress_channel_id"),
  progressTs: text("progress_ts"),
  /**
   * Set once completeUploadExternal shared the files: a retry must not upload them again. The file ids are kept
   * just before that call; with no uploadedAt they are files a retry checks in Slack before sharing new ones.
   */
  uploadedAt: integer("uploaded_at"),
  uploadedFileIds: text("uploaded_file_ids", { mode: "json" }).$type<string[]>(),
  finishedAt: integer("finished_at"),
});
