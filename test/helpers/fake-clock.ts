import type { Clock } from "../../src/shared/clock.js";

/** A clock that stands still until told otherwise. */
export interface FakeClock extends Clock {
  set(date: Date | string): void;
  advance(ms: number): void;
}

/**
 * A clock that starts at a fixed instant and then runs at the real pace: for the whole app
 * over HTTP, where pacing and timeouts need time to pass, but the date must not be today's.
 */
export function createTickingClock(start: Date | string = "2026-11-22T09:00:00+07:00"): Clock {
  const startMs = new Date(start).getTime();
  const origin = performance.now();
  return { now: () => new Date(startMs + (performance.now() - origin)) };
}

/**
 * A ticking clock that a test can also move forward ("the next morning"): for the whole app
 * over HTTP when a scheduled moment must come without waiting for it.
 */
export function createMovableClock(start: Date | string = "2026-11-22T09:00:00+07:00"): Clock & {
  advance(ms: number): void;
} {
  const ticking = createTickingClock(start);
  let offset = 0;
  return {
    now: () => new Date(ticking.now().getTime() + offset),
    advance(ms) {
      offset += ms;
    },
  };
}

export function createFakeClock(start: Date | string = "2026-11-22T09:00:00+07:00"): FakeClock {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set(date) {
      now = new Date(date);
    },
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
  };
}
