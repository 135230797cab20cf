/** Per-method trouble on demand: injected faults, consumed in order, and an optional rolling rate limit. */
import type { Fault } from "./types.ts";

const WINDOW_MS = 60_000;

export class FaultQueue {
  private readonly queues = new Map<string, Array<Fault & { times: number }>>();

  inject(method: string, fault: Fault): void {
    const queue = this.queues.get(method) ?? [];
    queue.push({ ...fault, times: fault.times ?? 1 });
    this.queues.set(method, queue);
  }

  /** The next fault for this method, counting one use of it. */
  take(method: string): Fault | undefined {
    const queue = this.queues.get(method);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.times -= 1;
    if (head.times <= 0) queue.shift();
    return head;
  }

  clear(): void {
    this.queues.clear();
  }
}

export class RateLimiter {
  private readonly limits = new Map<string, { perMinute: number; hits: number[] }>();

  set(method: string, perMinute: number): void {
    this.limits.set(method, { perMinute, hits: [] });
  }

  /** Seconds to wait when this call is over the limit, else undefined (and the call is counted). */
  retryAfter(method: string, now: number): number | undefined {
    const limit = this.limits.get(method);
    if (!limit) return undefined;
    limit.hits = limit.hits.filter((at) => now - at < WINDOW_MS);
    const oldest = limit.hits[0];
    if (limit.hits.length >= limit.perMinute && oldest !== undefined) {
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    }
    limit.hits.push(now);
    return undefined;
  }
}
