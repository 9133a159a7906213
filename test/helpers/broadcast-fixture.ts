import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Db } from "../../src/db/client.js";
import { htmlMessage } from "../../src/domain/outbox/enqueue-message.js";
import { queueBroadcast } from "../../src/domain/outbox/queue-broadcast.js";

/** Chat ids of generated recipients start here (the simulator's users get the same ids). */
export const FIRST_RECIPIENT_CHAT = 790_000_001;

/**
 * Adds `count` hamlet heads, each with a Telegram account (chat ids from `firstChatId`), in a
 * few statements; plus `neverConnected` more without any account. Returns their person ids.
 */
export async function addRecipients(
  db: Db,
  input: { count: number; neverConnected?: number; firstChatId?: number; now: Date },
): Promise<{ personIds: number[]; chatIds: number[]; withoutAccount: number[] }> {
  const first = input.firstChatId ?? FIRST_RECIPIENT_CHAT;
  const unit = await db.unit.findFirstOrThrow({ orderBy: { id: "asc" } });
  const total = input.count + (input.neverConnected ?? 0);
  const phone = (i: number) => `+8497${String(first - 790_000_000 + i).padStart(7, "0")}`;
  for (let start = 0; start < total; start += 500) {
    const slice = Array.from({ length: Math.min(500, total - start) }, (_, k) => start + k);
    await db.person.createMany({
      data: slice.map((i) => ({
        fullName: `Người nhận ${i + 1}`,
        phone: phone(i),
        role: "hamlet_head",
        unitId: unit.id,
        createdAt: input.now,
        updatedAt: input.now,
      })),
    });
  }
  const people = await db.person.findMany({
    where: { phone: { in: Array.from({ length: total }, (_, i) => phone(i)) } },
    select: { id: true, phone: true },
  });
  const idOf = new Map(people.map((p) => [p.phone, p.id]));
  const personIds = Array.from({ length: total }, (_, i) => idOf.get(phone(i)) as number);
  for (let start = 0; start < input.count; start += 500) {
    const slice = Array.from({ length: Math.min(500, input.count - start) }, (_, k) => start + k);
    await db.channelAccount.createMany({
      data: slice.map((i) => ({
        channel: "telegram",
        externalId: String(first + i),
        chatId: String(first + i),
        personId: personIds[i] as number,
        linkedAt: input.now,
        lastSeenAt: input.now,
        createdAt: input.now,
        updatedAt: input.now,
      })),
    });
  }
  return {
    personIds,
    chatIds: Array.from({ length: input.count }, (_, i) => first + i),
    withoutAccount: personIds.slice(input.count),
  };
}

/** One announcement from `senderId` to the given people, as the announcement screen queues it. */
export async function queueAnnouncement(
  db: Db,
  input: { senderId: number; personIds: number[]; text: string; now: Date },
) {
  const unit = await db.unit.findFirstOrThrow({ orderBy: { id: "asc" } });
  return db.$transaction((tx) =>
    queueBroadcast(tx, {
      kind: "announcement",
      senderId: input.senderId,
      unitId: unit.id,
      text: input.text,
      audience: { units: [unit.id], roles: ["hamlet_head"] },
      recipients: input.personIds.map((personId) => ({
        personId,
        payload: htmlMessage(`📣 ${input.text}`),
      })),
      now: input.now,
    }),
  );
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** `bench/broadcast-worker.ts` as a process of its own, sending the database's outbox. */
export function spawnBroadcastWorker(input: {
  dbUrl: string;
  apiRoot: string;
  token: string;
  rate: number;
  concurrency?: number;
  output?: "inherit" | "ignore";
}): { process: ChildProcess; exited: Promise<number | string> } {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/broadcast-worker.ts",
      "--db",
      input.dbUrl,
      "--api",
      input.apiRoot,
      "--token",
      input.token,
      "--rate",
      String(input.rate),
      "--concurrency",
      String(input.concurrency ?? 8),
    ],
    { cwd: ROOT, stdio: ["ignore", input.output ?? "inherit", "inherit"] },
  );
  return {
    process: child,
    exited: new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? "?"))),
  };
}

/** Generated recipients as simulator users (the chat ids of {@link addRecipients}). */
export function recipientUsers(chatIds: number[]) {
  return chatIds.map((id, i) => ({
    id,
    firstName: `Người nhận ${i + 1}`,
    phoneNumber: `+8497${String(i).padStart(7, "0")}`,
    description: "người nhận thử",
  }));
}
