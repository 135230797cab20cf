import { afterEach, beforeEach } from "vitest";

/** What a spec's shared arrangement offers: open a fresh app and case, and close it again. */
export interface Fixture {
  open(): Promise<unknown>;
  close: () => Promise<void>;
}

/** Opens `fixture` before each test of the calling spec and closes it after; returns it for the tests to use. */
export function useFixture<T extends Fixture>(fixture: T): T {
  beforeEach(async () => {
    await fixture.open();
  });
  afterEach(fixture.close);
  return fixture;
}
