/**
 * `npm run zalo:oa-auth`: the Zalo Official Account's first authorisation (see
 * run-zalo-oa-auth.ts). Reads `.env` like `npm start`.
 */
import { existsSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { systemClock } from "../shared/clock.js";
import { runZaloOaAuth } from "./run-zalo-oa-auth.js";

if (existsSync(".env")) process.loadEnvFile(".env");

const lines = createInterface({ input: process.stdin, output: process.stdout });
try {
  process.exitCode = await runZaloOaAuth(process.env, {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
    ask: (question) => lines.question(question),
    clock: systemClock,
  });
} finally {
  lines.close();
}
