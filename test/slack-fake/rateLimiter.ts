/** Slack's rate limits as the stand-in applies them: per-method rolling windows and per-channel buckets. */
import { METHOD_TIERS, POST_MESSAGE_PER_CHANNEL, TIER_PER_MINUTE } from "./rateTiers.ts";

const WINDOW_MS = 60_000;

/** Calls accepted in the last minute; refuses the call that would pass `perMinute`. */
class MinuteWindow {
  private hits: number[] = [];

  constructor(private readonly perMinute: number) {}

  /** Seconds until a call would be accepted, or 0 if it would be now. */
  waitSeconds(now: number): number {
    this.hits = this.hits.filter((at) => now - at < WINDOW_MS);
    const oldest = this.hits[0];
    if (this.hits.length < this.perMinute || oldest === undefined) return 0;
    return Math.ceil((oldest + WINDOW_MS - now) / 1000);
  }

  take(now: number): void {
    this.hits.push(now);
  }
}

/** A token bucket: `burst` calls at once, then `refillPerSecond` a second. */
class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly refillPerSecond: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  waitSeconds(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.at) / 1000) * this.refillPerSecond);
    this.at = now;
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.refillPerSecond);
  }

  take(): void {
    this.tokens -= 1;
  }
}

export interface RateLimitedCall {
  method: string;
  now: number;
  /** The `channel` argument, for limits Slack applies per channel. */
  channel?: string;
}

export class RateLimiter {
  private readonly overrides = new Map<string, MinuteWindow>();
  private readonly tierWindows = new Map<string, MinuteWindow>();
  private readonly channelBuckets = new Map<string, TokenBucket>();

  /** `tierDefaults: false` is for benches and load tests only: Slack itself always limits. */
  constructor(private readonly options: { tierDefaults: boolean } = { tierDefaults: true }) {}

  /** A tighter (or looser) per-minute limit for one method, replacing its tier. */
  set(method: string, perMinute: number): void {
    this.overrides.set(method, new MinuteWindow(perMinute));
  }

  /** Whole seconds to wait (≥ 1) when the call is over a limit, else undefined and the call is counted. */
  retryAfter(call: RateLimitedCall): number | undefined {
    const limits = this.limitsOf(call);
    const wait = Math.max(0, ...limits.map((limit) => limit.waitSeconds(call.now)));
    if (wait > 0) return Math.max(1, wait);
    for (const limit of limits) limit.take(call.now);
    return undefined;
  }

  private limitsOf(call: RateLimitedCall): Array<MinuteWindow | TokenBucket> {
    const window =
      this.overrides.get(call.method) ?? (this.options.tierDefaults ? this.tierWindow(call.method) : undefined);
    const bucket = this.options.tierDefaults ? this.channelBucket(call) : undefined;
    return [window, bucket].filter((limit) => limit !== undefined);
  }

  private tierWindow(method: string): MinuteWindow | undefined {
    const tier = METHOD_TIERS[method];
    if (tier === undefined) return undefined;
    const window = this.tierWindows.get(method) ?? new MinuteWindow(TIER_PER_MINUTE[tier]);
    this.tierWindows.set(method, window);
    return window;
  }

  private channelBucket(call: RateLimitedCall): TokenBucket | undefined {
    if (call.method !== "chat.postMessage" || call.channel === undefined) return undefined;
    const { burst, refillPerSecond } = POST_MESSAGE_PER_CHANNEL;
    const bucket = this.channelBuckets.get(call.channel) ?? new TokenBucket(burst, refillPerSecond, call.now);
    this.channelBuckets.set(call.channel, bucket);
    return bucket;
  }
}
