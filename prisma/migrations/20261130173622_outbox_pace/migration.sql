-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN "queuedUnreachable" JSONB;

-- CreateTable
CREATE TABLE "OutboxPace" (
    "channel" TEXT NOT NULL PRIMARY KEY,
    "nextSlotMs" REAL NOT NULL DEFAULT 0,
    "pausedUntilMs" REAL NOT NULL DEFAULT 0
);
