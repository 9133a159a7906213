-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "senderId" INTEGER;
