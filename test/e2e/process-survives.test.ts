import { createServer, type Server } from "node:http";
import {
  type AddressInfo,
  createServer as createTcpServer,
  type Socket,
  type Server as TcpServer,
} from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_SIMULATOR_USERS } from "../../src/db/demo-data.js";
import { type Simulator, startSimulator } from "../../src/simulator/server.js";
import { type AppProcess, startAppProcess } from "../helpers/app-process.js";
import { createTestDatabase, type TestDatabase } from "../helpers/temp-db.js";

const TOKEN = "123456789:AAEhBP0av28cTeBMWuWdTHYgcXDGw4ue_zQ";
const DUNG = 710000004;

const databases: TestDatabase[] = [];
const processes: AppProcess[] = [];
const servers: (Server | TcpServer)[] = [];
const sockets: Socket[] = [];

afterAll(async () => {
  for (const p of processes) p.child.kill("SIGKILL");
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(databases.map((database) => database.drop()));
});

/** A database of its own, migrated unless `migrated: false` (the demo data is added at start). */
async function database(options: { migrated?: boolean } = {}) {
  const created = await createTestDatabase(options);
  databases.push(created);
  return created.url;
}

function start(env: Record<string, string>) {
  const p = startAppProcess(env);
  processes.push(p);
  return p;
}

async function listen<T extends Server | TcpServer>(server: T): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("Conflicts and outages do not kill the process", () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({
      host: "127.0.0.1",
      port: 0,
      users: DEMO_SIMULATOR_USERS,
      token: TOKEN,
    });
  });
  afterAll(() => simulator?.close());

  it("a second process polling with the same token, on the same database, stops with exit code 5; the first keeps answering", async () => {
    const url = await database();
    const first = start({ BOT_TOKEN: TOKEN, BOT_API_ROOT: simulator.url, DATABASE_URL: url });
    await first.waitFor(/"msg":"bot started"/);
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // past its first seconds of polling

    const second = start({ BOT_TOKEN: TOKEN, BOT_API_ROOT: simulator.url, DATABASE_URL: url });
    // Before: the first process died of an unhandled rejection (exit 1) within seconds.
    expect(await second.exited).toBe(5);
    expect(second.output()).toMatch(
      /Bot đã dừng: Một tiến trình khác đang nhận tin của bot bằng cùng BOT_TOKEN \(409 Conflict\).*\(mã thoát 5\)/,
    );
    // Same database, no migration pending: no lock, no WASM error.
    expect(second.output()).not.toMatch(/WASM|SocketTimeout/);
    expect(first.output()).toMatch(/Một tiến trình khác đang nhận tin bằng cùng BOT_TOKEN \(409 Conflict\)/);

    simulator.users.sendText(DUNG, "/start");
    await vi.waitUntil(
      () =>
        /Chào Phạm Thị Dung/.test(
          simulator.store
            .chat(DUNG)
            ?.messages.filter((m) => m.outgoing)
            .at(-1)?.text ?? "",
        ),
      { timeout: 15_000, interval: 50 },
    );
    expect(first.child.exitCode).toBeNull();
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  }, 120_000);

  it("two processes started together on a new database file both start: one migrates and fills it, the other waits", async () => {
    const url = await database({ migrated: false });
    // Each with its own simulator: this is about the database, not the token.
    const pair = [0, 1].map(() => start({ DATABASE_URL: url, PORT: "0" }));
    await Promise.all(pair.map((p) => p.waitFor(/"msg":"bot started"/, 90_000)));
    const output = pair.map((p) => p.output()).join("\n");
    expect(output.match(/Đã cập nhật cấu trúc cơ sở dữ liệu/g)).toHaveLength(1);
    expect(output.match(/đã thêm dữ liệu mẫu/g)).toHaveLength(1);
    expect(output).not.toMatch(/WASM|Không khởi động được/);
    for (const p of pair) p.child.kill("SIGTERM");
    expect(await Promise.all(pair.map((p) => p.exited))).toEqual([0, 0]);
  }, 120_000);

  it("a Bot API server that does not answer is said within seconds and retried; Ctrl+C then stops cleanly", async () => {
    // Accepts connections and never answers, like a black-holed address.
    const silent = createTcpServer((socket) => sockets.push(socket));
    const root = await listen(silent);
    const p = start({ BOT_TOKEN: TOKEN, BOT_API_ROOT: root, DATABASE_URL: await database() });
    await p.waitFor(/Đang khởi động bot…/);
    const startedAt = performance.now();
    await p.waitFor(
      /Không kết nối được tới máy chủ Bot API http:\/\/127\.0\.0\.1:\d+ \(không trả lời sau 5 giây\)\. Thử lại sau 2 giây/,
      15_000,
    );
    expect(performance.now() - startedAt).toBeLessThan(10_000);
    await p.waitFor(/Thử lại sau 4 giây/, 20_000);
    expect(p.child.exitCode).toBeNull();
    p.child.kill("SIGINT");
    expect(await p.exited).toBe(0);
  }, 120_000);

  it("a Bot API server that refuses the token stops start-up with exit code 3 and says what to check", async () => {
    const refusing = createServer((_request, response) => {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ ok: false, error_code: 401, description: "Unauthorized" }));
    });
    const root = await listen(refusing);
    const p = start({ BOT_TOKEN: TOKEN, BOT_API_ROOT: root, DATABASE_URL: await database() });
    expect(await p.exited).toBe(3);
    expect(p.output()).toMatch(
      /Không khởi động được: Máy chủ Bot API \(http:\/\/127\.0\.0\.1:\d+\) không chấp nhận BOT_TOKEN \(Unauthorized\)\. Kiểm tra lại BOT_TOKEN và BOT_API_ROOT\. \(mã thoát 3\)/,
    );
  }, 120_000);
});
