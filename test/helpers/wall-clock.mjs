/**
 * Moves the wall clock (Date.now(), new Date()) of the test run far from the dates the tests'
 * fake clocks use, so that any code reading the real time instead of the injected `Clock` gives
 * itself away: the suite must pass whatever the date is.
 *
 * TEST_WALL_CLOCK picks the instant the wall clock starts at (default below); `.ci/run` runs the
 * PostgreSQL pass of the suite with another one. Time still flows at its real pace. The
 * offset is passed on (TEST_WALL_CLOCK_OFFSET_MS, NODE_OPTIONS) to every process the tests start
 * — test workers, `npm start`, the admin CLI — so that they all share one wall clock.
 *
 * Plain JavaScript, so that child processes can preload it with `node --import`.
 */
import { pathToFileURL } from "node:url";

const DEFAULT_WALL_CLOCK = "2031-03-09T20:30:00+07:00";

const RealDate = Date;
if (!("shiftedBy" in RealDate)) {
  let offset = Number(process.env.TEST_WALL_CLOCK_OFFSET_MS);
  if (!process.env.TEST_WALL_CLOCK_OFFSET_MS || !Number.isFinite(offset)) {
    const wanted = process.env.TEST_WALL_CLOCK ?? DEFAULT_WALL_CLOCK;
    const target = new RealDate(wanted).getTime();
    if (Number.isNaN(target)) throw new Error(`TEST_WALL_CLOCK is not a date: ${wanted}`);
    offset = target - RealDate.now();
    process.env.TEST_WALL_CLOCK_OFFSET_MS = String(offset);
  }
  const preload = `--import=${pathToFileURL(import.meta.filename).href}`;
  if (!(process.env.NODE_OPTIONS ?? "").includes(preload)) {
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} ${preload}`.trim();
  }

  class ShiftedDate extends RealDate {
    static shiftedBy = offset;
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
