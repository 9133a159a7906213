-- DropIndex
DROP INDEX "ChannelAccount_personId_idx";

-- AlterTable
ALTER TABLE "ChannelAccount" ADD COLUMN "verifiedPhone" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ChannelAccount_personId_channel_key" ON "ChannelAccount"("personId", "channel");
