// `npm start` — runs the compiled app (dist/main.js) with plain node, in this process: no tsx,
// no TypeScript compiler left in memory. dist/ is compiled first when it is missing or older
// than the sources (see build.mjs), so `npm install && npm start` works on a fresh checkout.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildIfStale, DIST } from "./build.mjs";

const code = buildIfStale();
if (code !== 0) {
  console.error(`Không biên dịch được mã nguồn (mã thoát ${code}).`);
  process.exit(1);
}
await import(pathToFileURL(join(DIST, "main.js")).href);
