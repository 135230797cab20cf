/** files.*: the two-step external upload, sharing into a conversation, and file info. */
import { fail, failMissing, isRecord, optionalString, requiredString, structuredArg } from "../args.ts";
import type { FakeState } from "../state.ts";
import type { FileObject, StoredFile } from "../types.ts";
import { assertCanPost, assertThreadParent, messageContent, postAsBot } from "./chat.ts";
import type { MethodTable } from "./handler.ts";

const FILE_TYPES: Record<string, { mimetype: string; filetype: string; pretty: string }> = {
  txt: { mimetype: "text/plain", filetype: "text", pretty: "Plain Text" },
  csv: { mimetype: "text/csv", filetype: "csv", pretty: "CSV" },
  json: { mimetype: "application/json", filetype: "json", pretty: "JSON" },
  pdf: { mimetype: "application/pdf", filetype: "pdf", pretty: "PDF" },
  png: { mimetype: "image/png", filetype: "png", pretty: "PNG" },
  jpg: { mimetype: "image/jpeg", filetype: "jpg", pretty: "JPEG" },
  jpeg: { mimetype: "image/jpeg", filetype: "jpg", pretty: "JPEG" },
  gif: { mimetype: "image/gif", filetype: "gif", pretty: "GIF" },
};
const BINARY = { mimetype: "application/octet-stream", filetype: "binary", pretty: "Binary" };

export function newFile(
  state: FakeState,
  input: { name: string; title?: string; mimetype?: string; user?: string; size: number },
): StoredFile {
  const id = state.nextId("F");
  const extension = input.name.includes(".") ? (input.name.split(".").pop() ?? "").toLowerCase() : "";
  const known = FILE_TYPES[extension] ?? BINARY;
  const urlPrivate = `${state.config.origin}/files-pri/${state.config.teamId}-${id}/${encodeURIComponent(input.name)}`;
  const file: FileObject = {
    id,
    created: state.nowSeconds(),
    timestamp: state.nowSeconds(),
    name: input.name,
    title: input.title ?? input.name,
    mimetype: input.mimetype ?? known.mimetype,
    filetype: known.filetype,
    pretty_type: known.pretty,
    user: input.user ?? state.config.botUserId,
    size: input.size,
    url_private: urlPrivate,
    url_private_download: `${urlPrivate.replace(/\/[^/]*$/, "")}/download/${encodeURIComponent(input.name)}`,
    permalink: `${state.config.origin}/files/${input.user ?? state.config.botUserId}/${id}/${encodeURIComponent(input.name)}`,
    is_public: false,
    channels: [],
    groups: [],
    ims: [],
  };
  const stored: StoredFile = { file, completed: false };
  state.files.set(id, stored);
  return stored;
}

function completedFile(state: FakeState, id: string): StoredFile {
  const stored = state.files.get(id);
  return stored?.completed ? stored : fail("file_not_found");
}

function fileList(value: unknown): Array<{ id: string; title?: string }> {
  if (!Array.isArray(value) || value.length === 0) return fail("invalid_arguments");
  return value.map((item) => {
    if (!isRecord(item) || typeof item.id !== "string") return fail("invalid_arguments");
    return { id: item.id, title: typeof item.title === "string" ? item.title : undefined };
  });
}

function shareList(file: FileObject, channelId: string, kind: "channels" | "groups" | "ims"): void {
  if (!file[kind].includes(channelId)) file[kind].push(channelId);
}

export const fileMethods: MethodTable = {
  "files.getUploadURLExternal": (state, args) => {
    const filename = requiredString(args, "filename");
    const rawLength = optionalString(args, "length") ?? failMissing("length");
    const length = Number(rawLength);
    if (!Number.isInteger(length) || length < 1) fail("invalid_length");
    const stored = newFile(state, { name: filename, size: length });
    stored.expectedBytes = length;
    const uploadUrl = `${state.config.origin}/upload/v1/${stored.file.id}/${state.randomToken(12)}`;
    return { upload_url: uploadUrl, file_id: stored.file.id };
  },

  "files.completeUploadExternal": (state, args) => {
    const requested = fileList(structuredArg(args, "files", "invalid_arguments"));
    const files = requested.map(({ id, title }) => {
      const stored = state.files.get(id);
      // A file is completed once; its id names no upload in progress after that.
      if (!stored?.content || stored.completed) return fail("file_not_found");
      return { stored, title };
    });
    const channelId = optionalString(args, "channel_id") ?? optionalString(args, "channels");
    const channel = channelId === undefined ? undefined : state.visibleChannel(channelId);
    const threadTs = optionalString(args, "thread_ts");
    if (channel) {
      assertCanPost(state, channel);
      assertThreadParent(state, channel.id, threadTs);
    }
    for (const { stored, title } of files) {
      stored.completed = true;
      if (title !== undefined) stored.file.title = title;
      if (channel)
        shareList(stored.file, channel.id, channel.is_im ? "ims" : channel.is_private ? "groups" : "channels");
    }
    if (channel) {
      const content = messageContent(args, { textKey: "initial_comment", allowEmpty: true });
      postAsBot(state, {
        channel: channel.id,
        text: content.text,
        blocks: content.blocks,
        files: files.map(({ stored }) => stored.file),
        thread_ts: threadTs,
      });
    }
    return { files: files.map(({ stored }) => ({ id: stored.file.id, title: stored.file.title })) };
  },

  "files.info": (state, args) => {
    const stored = completedFile(state, requiredString(args, "file", "file_not_found"));
    return { file: stored.file, comments: [], response_metadata: { next_cursor: "" } };
  },
};
