/**
 * Moves the process's wall clock (Date.now(), new Date()) far from the dates the tests' fake
 * clocks use, so that any code reading the real time instead of the injected `Clock` gives
 * itself away: the suite must pass whatever the date is.
 *
 * TEST_WALL_CLOCK picks the instant the wall clock starts at (default below); `.ci/run` runs
 * the date-sensitive tests a second time with another one. Time still flows at its real pace.
 */
const DEFAULT_WALL_CLOCK = "2031-03-09T20:30:00+07:00";

const target = new Date(process.env.TEST_WALL_CLOCK ?? DEFAULT_WALL_CLOCK).getTime();
if (Number.isNaN(target)) throw new Error(`TEST_WALL_CLOCK is not a date: ${process.env.TEST_WALL_CLOCK}`);

const RealDate = Date;
const offset = target - RealDate.now();

class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...(args as [string | number | Date]));
  }
  static override now(): number {
    return RealDate.now() + offset;
  }
}

globalThis.Date = ShiftedDate as DateConstructor;
