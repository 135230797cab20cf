/** Per-method trouble on demand: injected faults, consumed in order. */
import type { Fault } from "./types.ts";

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
