-- AlterTable
ALTER TABLE "ChangeBatch" ADD COLUMN "leaseUntil" DATETIME;
