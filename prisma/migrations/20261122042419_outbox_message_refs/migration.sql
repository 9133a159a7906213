-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "ref" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "sentMessageId" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_chatId_sentMessageId_idx" ON "OutboxMessage"("chatId", "sentMessageId");
