/**
 * What a server's resident memory is made of, read from outside the process: RSS from /proc, the V8 heap and
 * the memory outside it (Buffers, SQLite's page cache is not in it) from what the server itself reports.
 */
import type { ServerProcess } from "./serverProcess.ts";

export interface MemoryFigures {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  /** C++ objects bound to JavaScript ones (Buffers, ArrayBuffers): `process.memoryUsage().external`. */
  externalMiB: number;
}

const MIB = 1024 * 1024;

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`bench: ${url} answered ${response.status}`);
  return response.text();
}

/** One sample of a prom-client default metric (the bot prefixes them with `incident_desk_`). */
function metricValue(text: string, name: string): number {
  const value = new RegExp(`^incident_desk_${name} (\\S+)$`, "m").exec(text)?.[1];
  if (value === undefined) throw new Error(`bench: /metrics carries no incident_desk_${name}`);
  return Number(value);
}

/** The bot's heap figures, from the prom-client default metrics its /metrics serves to operators. */
export async function botMemory(server: ServerProcess): Promise<MemoryFigures> {
  const rssMiB = server.rssMiB();
  const text = await fetchText(`http://127.0.0.1:${server.port}/metrics`);
  return {
    rssMiB,
    heapUsedMiB: metricValue(text, "nodejs_heap_size_used_bytes") / MIB,
    heapTotalMiB: metricValue(text, "nodejs_heap_size_total_bytes") / MIB,
    externalMiB: metricValue(text, "nodejs_external_memory_bytes") / MIB,
  };
}

/** How long the oldest due job of the bot has waited (0 when none is due), from its /metrics. */
export async function botOldestDueJobSeconds(server: ServerProcess): Promise<number> {
  return metricValue(await fetchText(`http://127.0.0.1:${server.port}/metrics`), "jobs_oldest_due_age_seconds");
}

/** The bare Bolt app's heap figures, from the process.memoryUsage() its /memory route answers. */
export async function bareAppMemory(server: ServerProcess): Promise<MemoryFigures> {
  const rssMiB = server.rssMiB();
  const usage = JSON.parse(await fetchText(`http://127.0.0.1:${server.port}/memory`)) as NodeJS.MemoryUsage;
  return {
    rssMiB,
    heapUsedMiB: usage.heapUsed / MIB,
    heapTotalMiB: usage.heapTotal / MIB,
    externalMiB: usage.external / MIB,
  };
}

/** "131 MiB (heap 27 used / 42 total, external 4)" */
export function formatMemory(figures: MemoryFigures, rssMiB = figures.rssMiB): string {
  const n = (value: number) => value.toFixed(0);
  return (
    `${n(rssMiB)} MiB (heap ${n(figures.heapUsedMiB)} used / ${n(figures.heapTotalMiB)} total, ` +
    `external ${n(figures.externalMiB)})`
  );
}
