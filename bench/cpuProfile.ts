/**
 * A V8 CPU profile of only the measured work (not the database copy or fill before it), summed by function: on a
 * machine shared with other work, self time per function says what to fix where wall time cannot.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface CpuProfiler {
  stop(): Promise<void>;
}

/** Starts profiling; `stop` writes the .cpuprofile to `path` and prints the top self times. */
export async function startCpuProfile(path: string, top = 15): Promise<CpuProfiler> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  return {
    async stop() {
      const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
      session.disconnect();
      writeFileSync(path, JSON.stringify(profile));
      printSelfTimes(profile, top);
    },
  };
}

function printSelfTimes(profile: Profile, top: number): void {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    const file = frame?.url.split("/").slice(-2).join("/") ?? "";
    const name = `${frame?.functionName || "(anonymous)"} ${file}:${(frame?.lineNumber ?? 0) + 1}`;
    selfMs.set(name, (selfMs.get(name) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  });
  const total = (profile.endTime - profile.startTime) / 1000;
  console.log(`  CPU profile: ${total.toFixed(0)} ms sampled; top self times:`);
  for (const [name, ms] of [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${name}`);
  }
}
