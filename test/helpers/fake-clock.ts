import type { Clock } from "../../src/shared/clock.js";

/** A clock that stands still until told otherwise. */
export interface FakeClock extends Clock {
  set(date: Date | string): void;
  advance(ms: number): void;
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
