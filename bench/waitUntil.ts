import { setTimeout as delay } from "node:timers/promises";

/**
 * Polls `check` until it holds or `timeoutMs` passes. By default once per event-loop turn (setImmediate), so
 * a change is seen as soon as I/O delivers it; `everyMs` polls less often where timing does not matter.
 */
export async function waitUntil(check: () => boolean, timeoutMs: number, everyMs?: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) return false;
    await (everyMs === undefined ? new Promise<void>((resolve) => setImmediate(resolve)) : delay(everyMs));
  }
  return true;
}
