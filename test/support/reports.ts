/** Read steps for the report specs: the report messages in a conversation and the files shared with them. */
import type { StoredMessage } from "../slack-fake/types.ts";
import type { Harness } from "./harness.ts";

const REPORT = /^(Weekly|Monthly) report|^Building the (weekly|monthly) report|^The report of/;

/** The report messages of a conversation as they read now (the job edits its progress message in place). */
export const reportMessages = (h: Harness, channelId: string): StoredMessage[] =>
  h.fake.messages(channelId).filter((m) => !m.files?.length && REPORT.test(m.text));

/** The bytes of every file shared by a successful completeUploadExternal whose name ends with `suffix`. */
export function sharedFiles(h: Harness, suffix: string): Buffer[] {
  const shared = h.fake
    .callsTo("files.completeUploadExternal")
    .filter((c) => c.ok)
    .flatMap((c) => (c.args.files as Array<{ id: string }>).map((f) => f.id));
  return shared.flatMap((id) => {
    const content = h.fake.fileContent(id);
    return h.fake.file(id)?.name.endsWith(suffix) && content ? [content] : [];
  });
}
