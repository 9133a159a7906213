import { isIPv4, isIPv6 } from "node:net";

/**
 * Whether a host name or address stays on this machine: `localhost`, 127.0.0.0/8 or ::1
 * (also written as an IPv4-mapped address or in brackets). Anything else — `0.0.0.0`, `::`,
 * a LAN address, a host name — can be reached from the network.
 *
 * @example isLoopbackHost("127.0.0.1") // true
 * @example isLoopbackHost("0.0.0.0")   // false: every interface
 */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (name === "localhost") return true;
  if (isIPv4(name)) return name.startsWith("127.");
  if (!isIPv6(name)) return false;
  if (name.includes(".")) {
    // IPv4-mapped: ::ffff:127.0.0.1 or 0:0:0:0:0:ffff:127.0.0.1
    const split = name.lastIndexOf(":") + 1;
    return /^(?:::|(?:0{1,4}:){5})ffff:$/.test(name.slice(0, split)) && name.slice(split).startsWith("127.");
  }
  return expandIPv6(name) === "0:0:0:0:0:0:0:1";
}

/** "::1" → "0:0:0:0:0:0:0:1" (no embedded IPv4). */
function expandIPv6(address: string): string {
  const [head = "", tail] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => String(Number.parseInt(group, 16))).join(":");
}
