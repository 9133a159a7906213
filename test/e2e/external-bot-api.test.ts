import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type App, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { type Simulator, startSimulator } from "../../src/simulator/server.js";

let simulator: Simulator;
let app: App;
const dir = mkdtempSync(join(tmpdir(), "tlgn-ext-"));

beforeAll(async () => {
  // Another Bot API server (here a separate simulator) reached through BOT_TOKEN + BOT_API_ROOT,
  // the way an operator would point the bot at a self-hosted server or a Zalo gateway.
  const token = "123456789:AAEhBP0av28cTeBMWuWdTHYgcXDGw4ue_zQ";
  simulator = await startSimulator({ host: "127.0.0.1", port: 0, users: DEMO_SIMULATOR_USERS, token });
  const result = loadConfig({
    BOT_TOKEN: token,
    BOT_API_ROOT: simulator.url,
    DATABASE_URL: `file:${join(dir, "app.db")}`,
  });
  if (!result.ok) throw new Error(result.problems.join("; "));
  app = await startApp(result.config, pino({ level: "silent" }), { scheduler: false });
});
afterAll(async () => {
  await app?.stop();
  await simulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("with BOT_TOKEN and BOT_API_ROOT the bot polls that server and starts no simulator of its own", async () => {
  expect(app.simulator).toBeUndefined();
  simulator.users.sendText(710000004, "/start");
  const deadline = Date.now() + 10_000;
  let last: string | undefined;
  while (Date.now() < deadline) {
    last = simulator.store
      .chat(710000004)
      ?.messages.filter((m) => m.outgoing)
      .at(-1)?.text;
    if (last?.includes("Chọn việc cần làm")) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(last).toContain("Chào Phạm Thị Dung");
});
