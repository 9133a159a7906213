// `node bench/summarize-profile.mjs <file.cpuprofile> [rows] [pattern]` — where a V8 CPU profile
// (`npm run bench:updates -- --cpu-profile run.cpuprofile`, or `node --cpu-prof`) spent its time:
// self time by package and by function, and — with a pattern — the time spent inside the
// functions whose "name file:line" matches it (their callees included), for machines where no
// DevTools can be opened.
import { readFileSync } from "node:fs";

const [file, rowsArg = "30", pattern] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/summarize-profile.mjs <file.cpuprofile> [rows] [pattern]");
  process.exit(2);
}
const rows = Number(rowsArg);
const profile = JSON.parse(readFileSync(file, "utf8"));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const selfTime = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  total += delta;
  selfTime.set(id, (selfTime.get(id) ?? 0) + delta);
});

const place = (url) =>
  url
    .replace(/.*node_modules\//, "nm:")
    .replace(/^file:\/\//, "")
    .replace(`${process.cwd()}/`, "");
const functionOf = ({ callFrame: f }) =>
  `${f.functionName || "(anonymous)"} ${place(f.url)}:${f.lineNumber + 1}`;
const packageOf = ({ callFrame: f }) => {
  if (!f.url) return f.functionName;
  const inModules = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(f.url);
  if (inModules) return inModules[1];
  if (f.url.startsWith("node:")) return "node:";
  return place(f.url).split("/").slice(0, 3).join("/");
};

const byFunction = new Map();
const byPackage = new Map();
const inside = new Map();
const add = (map, key, value) => map.set(key, (map.get(key) ?? 0) + value);
for (const [id, time] of selfTime) {
  const node = nodes.get(id);
  add(byFunction, functionOf(node), time);
  add(byPackage, packageOf(node), time);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parentOf.get(at)) {
    const name = functionOf(nodes.get(at));
    if (!seen.has(name)) {
      seen.add(name);
      add(inside, name, time);
    }
  }
}

const show = (title, map, filter = () => true) => {
  console.log(`— ${title}`);
  for (const [name, time] of [...map]
    .filter(([name]) => filter(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows))
    console.log(
      `${(time / 1000).toFixed(0).padStart(8)} ms ${((100 * time) / total).toFixed(1).padStart(5)} %  ${name}`,
    );
};
console.log(`${(total / 1000).toFixed(0)} ms sampled`);
show("self time by package", byPackage);
show("self time by function", byFunction);
if (pattern) {
  const matches = new RegExp(pattern);
  show(`time inside functions matching /${pattern}/ (callees included)`, inside, (name) =>
    matches.test(name),
  );
}
