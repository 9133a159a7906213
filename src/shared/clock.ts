/**
 * The one source of "now" for domain code, so that deadlines, reminders and effective dates can
 * be tested at fixed instants. Production uses {@link systemClock}; tests use a fake clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
