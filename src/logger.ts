import { type Logger, pino } from "pino";

/** Structured JSON logs on stdout (one object per line), ready for any log collector. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: "tro-ly-giam-ngheo" },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: pino.stdSerializers.err },
  });
}
