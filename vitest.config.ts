import { defineConfig } from "vitest/config";

const postgres = process.env.TEST_DATABASE?.startsWith("postgres") ?? false;

/** What every test file shares, whichever group it runs in. */
const common = {
  environment: "node" as const,
  // Each test file gets its own temporary database; files run in parallel processes.
  pool: "forks" as const,
  // On PostgreSQL (npm run test:postgres) every statement is a round trip to the server.
  testTimeout: postgres ? 40_000 : 20_000,
  hookTimeout: 60_000,
  // The real date never matters: the wall clock is moved far from the fake clocks.
  setupFiles: ["test/helpers/wall-clock.mjs"],
};

/**
 * Files that measure time or pace: several app processes with a global send rate, kills and
 * take-overs, flood waits, imports racing live traffic. They run one at a time, after the rest,
 * so that no other file competes with them for the CPU.
 */
const ONE_AT_A_TIME = [
  "test/e2e/three-instances.test.ts",
  "test/e2e/process-survives.test.ts",
  "test/e2e/outbox-kill.test.ts",
  "test/e2e/broadcast-over-http.test.ts",
  "test/e2e/crash-recovery.test.ts",
  "test/e2e/stop-signals.test.ts",
  "test/e2e/webhook-mode.test.ts",
  "test/bot/flood-wait.test.ts",
  "test/bot/imports-under-traffic.test.ts",
  "test/bot/chat-ordering.test.ts",
  "test/jobs/outbox-lease.test.ts",
  "test/channels/zalo/zalo-instances.test.ts",
];

/**
 * Everything else runs two files at a time (TEST_WORKERS to change it): many files spend much
 * of their time waiting — on spawned processes, the simulator, PostgreSQL — and one at a time
 * (vitest's default on two cores) left a core idle. A worker keeps the modules it has loaded
 * from one file to the next (`isolate: false`): loading the app afresh for each file was a
 * fifth of the run. Every file still makes its own database, bot and clock; none mocks
 * a module.
 */
const workers = Number(process.env.TEST_WORKERS ?? 2);

export default defineConfig({
  test: {
    // Once for the whole run (both groups read what it provides): the template databases.
    globalSetup: ["test/helpers/global-setup.ts"],
    projects: [
      {
        test: {
          ...common,
          name: "parallel",
          include: ["test/**/*.test.ts"],
          exclude: ONE_AT_A_TIME,
          maxWorkers: workers,
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...common,
          name: "one-at-a-time",
          include: ONE_AT_A_TIME,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
