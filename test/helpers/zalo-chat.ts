import { generateActivationCodes } from "../../src/domain/access/generate-activation-codes.js";
import type { Clock } from "../../src/shared/clock.js";
import type { ZaloViewMessage } from "../../src/simulator/zalo/zalo-chats.js";
import type { RunningApp } from "./running-app.js";

/**
 * A person on Zalo in the simulator's chat page, typing only (Zalo has no buttons): what they
 * see, what they type, and the number of the option they pick. `app` is read at each call, so
 * a test may restart the app in between.
 */
export function zaloChat(app: () => RunningApp, clock: Clock) {
  const messages = async (personId: number): Promise<ZaloViewMessage[]> => {
    const response = await app().pageApi(`/sim/api/zalo/chats/${personId}`);
    return ((await response.json()) as { messages: ZaloViewMessage[] }).messages;
  };
  const say = async (personId: number, text: string): Promise<void> => {
    const response = await app().pageApi(`/sim/api/zalo/chats/${personId}/messages`, { json: { text } });
    if (!response.ok) throw new Error(`zalo say: ${response.status} ${await response.text()}`);
  };
  /** Waits for a bot message, after the `since`-th message, that matches. */
  const waitFor = async (personId: number, pattern: RegExp, since: number, timeoutMs = 15_000) => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const fresh = (await messages(personId)).slice(since).filter((m) => m.outgoing);
      const found = fresh.find((m) => pattern.test(m.text ?? m.caption ?? ""));
      if (found) return found;
      if (performance.now() > deadline)
        throw new Error(`no Zalo message matching ${pattern}; got: ${fresh.map((m) => m.text).join(" | ")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  /** Says something and waits for the answer matching `pattern`. */
  const exchange = async (personId: number, text: string, pattern: RegExp): Promise<ZaloViewMessage> => {
    const since = (await messages(personId)).length;
    await say(personId, text);
    return waitFor(personId, pattern, since);
  };
  /** The number the newest numbered list shows for the option matching `label`. */
  const numberOf = async (personId: number, label: RegExp): Promise<string> => {
    const bot = (await messages(personId)).filter((m) => m.outgoing);
    for (const message of [...bot].reverse()) {
      const line = (message.text ?? "").split("\n").find((l) => /^\d+\. /.test(l) && label.test(l));
      if (line) return line.slice(0, line.indexOf("."));
    }
    throw new Error(`no option ${label} in the last messages: ${bot.at(-1)?.text}`);
  };
  /** Types the number of the option matching `label`, and waits for `next`. */
  const choose = async (personId: number, label: RegExp, next: RegExp): Promise<ZaloViewMessage> =>
    exchange(personId, await numberOf(personId, label), next);
  /** An admin issues the person a code; they type it and confirm their name. */
  const activate = async (personId: number, fullName: string): Promise<void> => {
    const db = app().app.db;
    const person = await db.person.findFirstOrThrow({ where: { fullName } });
    const admin = await db.person.findFirstOrThrow({ where: { role: "admin" } });
    const issued = await generateActivationCodes(db, clock, admin.id, { personIds: [person.id] });
    if (!issued.ok) throw new Error(`codes: ${issued.reason}`);
    await exchange(personId, issued.codes[0]?.code ?? "", new RegExp(fullName));
    await choose(personId, /Có/, /Chọn việc cần làm/);
  };
  return { messages, say, waitFor, exchange, choose, activate };
}
