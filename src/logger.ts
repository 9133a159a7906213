import { hostname } from "node:os";
import { type Logger, pino } from "pino";

/**
 * Structured JSON logs on stdout (one object per line), ready for any log collector. `pid` and
 * `hostname` tell the instances apart when several run.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: "tro-ly-giam-ngheo", pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: pino.stdSerializers.err },
  });
}
