/**
 * `npm run admin -- <command>`: the administrators' command line (roster and unit imports,
 * the audit log). Reads `.env` like `npm start`; see run-admin.ts for the commands.
 */
import { existsSync } from "node:fs";
import { runAdmin } from "./run-admin.js";

if (existsSync(".env")) process.loadEnvFile(".env");

process.exitCode = await runAdmin(process.argv.slice(2), process.env, {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
});
