/**
 * The synchronous slices of a V8 CPU profile (`node --cpu-prof`): runs of samples with no idle sample between
 * them, each one stretch the event loop could answer nothing. Counts those over a threshold and names what
 * the longest were doing, so a bench can say how often the bot held its loop and where.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface LoopSlice {
  ms: number;
  /** Our function (under src/) innermost in the most of the slice's samples, as `name (folder/file:line)`. */
  busiest: string;
}

export interface SliceReport {
  over5ms: number;
  over20ms: number;
  longest: LoopSlice[];
}

// V8 marks samples where the thread waited for work with this pseudo-frame; "(program)" (V8 and libuv's own
// work) counts as busy, the stricter reading.
const IDLE_FRAMES = new Set(["(idle)"]);

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split("/").slice(-2).join("/");
  return `${functionName || "(anonymous)"} (${file}:${lineNumber + 1})`;
}

/** Each node's innermost frame of our own code (a file under src/), or itself when the stack has none. */
function ownFrames(nodes: readonly ProfileNode[]): Map<number, ProfileNode> {
  const parentOf = new Map<number, ProfileNode>();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  const own = new Map<number, ProfileNode>();
  for (const node of nodes) {
    let frame: ProfileNode | undefined = node;
    while (frame !== undefined && !frame.callFrame.url.includes("/src/")) frame = parentOf.get(frame.id);
    own.set(node.id, frame ?? node);
  }
  return own;
}

/** Slices of one profile, longest first. */
export function loopSlices(profile: CpuProfile): LoopSlice[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const ownFrameOf = ownFrames(profile.nodes);
  const slices: LoopSlice[] = [];
  let ms = 0;
  let selfMs = new Map<number, number>();
  const close = () => {
    if (ms === 0) return;
    const [busiestId] = [...selfMs.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    const busiestNode = busiestId === undefined ? undefined : byId.get(busiestId);
    const busiest = busiestNode === undefined ? "?" : frameName(busiestNode);
    slices.push({ ms, busiest });
    ms = 0;
    selfMs = new Map();
  };
  profile.samples.forEach((id, i) => {
    // A sample's delta is the time since the previous one: it belongs to the stretch the sample closes.
    const deltaMs = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (node === undefined || IDLE_FRAMES.has(node.callFrame.functionName)) {
      close();
      return;
    }
    ms += deltaMs;
    const own = ownFrameOf.get(id)?.id ?? id;
    selfMs.set(own, (selfMs.get(own) ?? 0) + deltaMs);
  });
  close();
  return slices.sort((a, b) => b.ms - a.ms);
}

/** The report of the newest main-thread `.cpuprofile` in `dir`. */
export function sliceReportOf(dir: string, longest = 10): SliceReport {
  const newest = readdirSync(dir)
    // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the event loop's (tsx's loader has its own).
    .filter((name) => /\.0\.\d+\.cpuprofile$/.test(name))
    .sort()
    .at(-1);
  if (newest === undefined) throw new Error(`bench: no .cpuprofile in ${dir}`);
  const slices = loopSlices(JSON.parse(readFileSync(join(dir, newest), "utf8")) as CpuProfile);
  return {
    over5ms: slices.filter((s) => s.ms > 5).length,
    over20ms: slices.filter((s) => s.ms > 20).length,
    longest: slices.slice(0, longest),
  };
}
