-- AlterTable
ALTER TABLE "ConversationState" ADD COLUMN "updateId" BIGINT;

-- CreateTable
CREATE TABLE "InstanceRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL,
    "stoppedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProcessedUpdate" (
    "botId" TEXT NOT NULL,
    "updateId" BIGINT NOT NULL,
    "processedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" TEXT,
    "receivedBy" TEXT,
    "replays" INTEGER NOT NULL DEFAULT 0,
    "handledAt" DATETIME,

    PRIMARY KEY ("botId", "updateId")
);
-- Rows written before this migration marked updates as they were handled.
INSERT INTO "new_ProcessedUpdate" ("botId", "processedAt", "updateId", "handledAt") SELECT "botId", "processedAt", "updateId", "processedAt" FROM "ProcessedUpdate";
DROP TABLE "ProcessedUpdate";
ALTER TABLE "new_ProcessedUpdate" RENAME TO "ProcessedUpdate";
CREATE INDEX "ProcessedUpdate_processedAt_idx" ON "ProcessedUpdate"("processedAt");
CREATE INDEX "ProcessedUpdate_receivedBy_handledAt_idx" ON "ProcessedUpdate"("receivedBy", "handledAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InstanceRun_heartbeatAt_idx" ON "InstanceRun"("heartbeatAt");
