import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Spawned bots and CLIs run the compiled dist/ as `npm start` does; rebuilt first only when stale. Temporary
    // files of the run go under one folder, removed at its end.
    globalSetup: ["test/support/compiledBuild.ts", "test/support/testTmpDir.ts"],
    // Each test file starts its own app, stand-in and SQLite file; two workers suit a 2-core machine.
    pool: "forks",
    maxWorkers: 2,
    // Files share a worker's module cache: each re-imported the whole app, the biggest cost of the run. Nothing
    // global carries between files: each starts its own app, stand-in, clock and database.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
