import type { Clock } from "../../src/clock.ts";

/** A clock that moves only when a test says so. */
export class FakeClock implements Clock {
  constructor(private ms: number = Date.UTC(2026, 10, 25, 18, 0, 0)) {}

  now(): number {
    return this.ms;
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }
}
