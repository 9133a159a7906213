import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Each test file gets its own temporary database; files run in parallel processes.
    pool: "forks",
    // On PostgreSQL (npm run test:postgres) every statement is a round trip to the server.
    testTimeout: process.env.TEST_DATABASE?.startsWith("postgres") ? 40_000 : 20_000,
    hookTimeout: 60_000,
    globalSetup: ["test/helpers/global-setup.ts"],
    // The real date never matters: the wall clock is moved far from the fake clocks.
    setupFiles: ["test/helpers/wall-clock.mjs"],
  },
});
