import { type ExportRange, leftOutNote } from "../../core/decisionExport.ts";
import { type EphemeralReply, ephemeral } from "./commandReplies.ts";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const statements = (count: number) => plural(count, "statement of reasons", "statements of reasons");
const withLeftOut = (text: string, leftOut: number) => [text, leftOutNote(leftOut)].filter(Boolean).join(" ");
const rangeText = (range: ExportRange) => `from ${range.from} to ${range.to}`;

/** The command's answer: nothing is built yet, so it promises the files and says where they will be. */
export const exportRequestedReply = (range: ExportRange, isNew: boolean): EphemeralReply =>
  ephemeral(
    `${isNew ? "Building" : "Already building"} the export of decisions ${rangeText(range)}. A progress message and the JSON and CSV files will be posted here if this conversation is private, else sent to you by DM.`,
  );

export const exportProgressText = (range: ExportRange) =>
  `Building the export of decisions ${rangeText(range)}… the JSON and CSV files will follow.`;

/** The files' own message. */
export const exportComment = (range: ExportRange, count: number, leftOut: number) =>
  withLeftOut(`Decisions ${rangeText(range)}: ${statements(count)}.`, leftOut);

export const exportDoneText = (range: ExportRange, count: number, leftOut: number) =>
  withLeftOut(`Exported ${statements(count)} ${rangeText(range)}: the JSON and CSV files are below.`, leftOut);

export const exportEmptyText = (range: ExportRange, leftOut: number) =>
  withLeftOut(`No statements of reasons ${rangeText(range)}: nothing to export.`, leftOut);

export const exportFailedText = (range: ExportRange, reason: string) =>
  `The export failed: decisions ${rangeText(range)} were not uploaded (${reason}). Run the command again, or ask an admin if it keeps failing.`;
