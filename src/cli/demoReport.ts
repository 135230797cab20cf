/** The demo's last step: the weekly report in REPORT_CHANNEL_ID, its chart saved to a file, its CSV quoted. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SlackFake } from "../../test/slack-fake/index.ts";
import { quoted, renderBlocks, waitFor } from "./demoScreen.ts";

/**
 * Outside the demo's own folder (removed at the end), so the chart can be opened after the demo; a new folder each
 * run, so two demos at once (a test beside a person's run) never read each other's half-written file.
 */
const DEMO_REPORT_PREFIX = join(tmpdir(), "incident-desk-demo-report-");
const CSV_LINES_SHOWN = 8;

/** The files shared in a channel, by name, with their bytes. */
function sharedFiles(fake: SlackFake, channelId: string): Array<{ name: string; content: Buffer }> {
  return fake.messages(channelId).flatMap((m) =>
    (m.files ?? []).flatMap((f) => {
      const content = fake.fileContent(f.id);
      return content ? [{ name: f.name, content }] : [];
    }),
  );
}

export async function weeklyReportStep(fake: SlackFake, channelId: string): Promise<void> {
  const posted = () => fake.messages(channelId).find((m) => m.text.startsWith("Weekly report"));
  // The progress message is posted first and becomes the report (with its blocks) only after the files are shared:
  // waiting for the files alone printed an empty report when the demo looked between the two.
  const finished = () => (posted()?.blocks?.length ?? 0) > 0 && sharedFiles(fake, channelId).length >= 3;
  await waitFor(finished, "the weekly report");
  console.log(renderBlocks(fake, posted()?.blocks));

  const files = sharedFiles(fake, channelId);
  console.log(`   Uploaded with it: ${files.map((f) => f.name).join(", ")}`);
  const reportDir = mkdtempSync(DEMO_REPORT_PREFIX);
  for (const chart of files.filter((f) => f.name.endsWith(".png"))) {
    const path = join(reportDir, chart.name);
    writeFileSync(path, chart.content);
    console.log(`   Chart saved to ${path} (${chart.content.length} bytes): open it to see what the channel sees`);
  }
  const csv = files.find((f) => f.name.endsWith(".csv"));
  if (!csv) throw new Error("demo: the weekly report has no CSV");
  const lines = csv.content.toString("utf8").trimEnd().split(/\r?\n/);
  console.log(`   ${csv.name}, first ${CSV_LINES_SHOWN} of ${lines.length} lines:`);
  console.log(quoted(lines.slice(0, CSV_LINES_SHOWN).join("\n")));
}
