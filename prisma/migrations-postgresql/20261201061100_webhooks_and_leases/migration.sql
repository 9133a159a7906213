-- AlterTable
ALTER TABLE "SchedulerRun" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "retryAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ConversationState" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ProcessedUpdate" ADD COLUMN     "chatKey" TEXT;

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Lease_holder_idx" ON "Lease"("holder");

-- CreateIndex
CREATE INDEX "SchedulerRun_status_idx" ON "SchedulerRun"("status");

-- CreateIndex
CREATE INDEX "ProcessedUpdate_botId_handledAt_chatKey_idx" ON "ProcessedUpdate"("botId", "handledAt", "chatKey");
