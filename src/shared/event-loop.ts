import { setImmediate } from "node:timers/promises";

/**
 * Lets other work run — other chats' updates, timers — in the middle of a long computation (an
 * import of thousands of rows): one turn of the event loop, then the caller carries on.
 */
export function yieldToEventLoop(): Promise<void> {
  return setImmediate();
}
