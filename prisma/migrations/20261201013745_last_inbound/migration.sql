-- AlterTable
ALTER TABLE "ChannelAccount" ADD COLUMN "lastInboundAt" DATETIME;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "deliveryCostVnd" INTEGER;
ALTER TABLE "OutboxMessage" ADD COLUMN "deliveryMode" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "deliveryReason" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_deliveryMode_claimedAt_idx" ON "OutboxMessage"("deliveryMode", "claimedAt");

-- Accounts created before this column: their last sight was their last message.
UPDATE "ChannelAccount" SET "lastInboundAt" = "lastSeenAt";
