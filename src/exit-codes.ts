/**
 * How the process ends (documented in README "Operations"): `src/main.ts` exits with these.
 * 2 is left out: the admin CLI uses it for wrong usage.
 */
export const EXIT_CODES = {
  /** Stopped by SIGINT/SIGTERM. */
  stopped: 0,
  /** Could not start (configuration, content, database), or an unexpected fault. */
  failed: 1,
  /** The Bot API server refused BOT_TOKEN (401), or BOT_API_ROOT is not a Bot API server (404). */
  tokenRefused: 3,
  /** Migrations were pending and another process kept the database locked. */
  databaseBusy: 4,
  /** Another process already receives this bot's updates (409 Conflict when starting). */
  conflict: 5,
} as const;
