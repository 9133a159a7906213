-- AlterTable
ALTER TABLE "ProcessedUpdate" ADD COLUMN "chatKey" TEXT;

-- AlterTable
ALTER TABLE "ConversationState" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "SchedulerRun" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "SchedulerRun" ADD COLUMN "retryAt" DATETIME;
ALTER TABLE "SchedulerRun" ADD COLUMN "leaseUntil" DATETIME;

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SchedulerRun_status_idx" ON "SchedulerRun"("status");

-- CreateIndex
CREATE INDEX "Lease_holder_idx" ON "Lease"("holder");

-- CreateIndex
CREATE INDEX "ProcessedUpdate_botId_handledAt_chatKey_idx" ON "ProcessedUpdate"("botId", "handledAt", "chatKey");
