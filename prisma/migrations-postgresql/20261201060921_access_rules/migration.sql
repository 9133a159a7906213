-- Rules the database enforces (issue 16): one pending access request per account, one open
-- ticket per question and place, one opinion per answer to a question. The data statements
-- (between the columns and the unique indexes) are plain SQL that PostgreSQL runs as well.

-- AlterTable
ALTER TABLE "AccessRequest" ADD COLUMN "pendingKey" TEXT;

-- AlterTable
ALTER TABLE "QuestionTicket" ADD COLUMN "openKey" TEXT;

-- Data: an account with several pending requests keeps its newest; the older ones are withdrawn.
UPDATE "AccessRequest" SET "status" = 'withdrawn'
WHERE "status" = 'pending' AND EXISTS (
  SELECT 1 FROM "AccessRequest" AS "newer"
  WHERE "newer"."accountId" = "AccessRequest"."accountId" AND "newer"."status" = 'pending'
    AND ("newer"."createdAt" > "AccessRequest"."createdAt"
      OR ("newer"."createdAt" = "AccessRequest"."createdAt" AND "newer"."id" > "AccessRequest"."id")));
UPDATE "AccessRequest" SET "pendingKey" = CAST("accountId" AS TEXT) WHERE "status" = 'pending';

-- Data: of several open tickets for one question and place, the newest is the one new askers
-- join; the older ones stay open (their askers still get their answer) without the key.
UPDATE "QuestionTicket" SET "openKey" =
  CAST("unitId" AS TEXT) || ':' || COALESCE(CAST("assigneeId" AS TEXT), '0') || ':' || "normalized"
WHERE "status" = 'open' AND NOT EXISTS (
  SELECT 1 FROM "QuestionTicket" AS "newer"
  WHERE "newer"."status" = 'open' AND "newer"."unitId" = "QuestionTicket"."unitId"
    AND COALESCE("newer"."assigneeId", 0) = COALESCE("QuestionTicket"."assigneeId", 0)
    AND "newer"."normalized" = "QuestionTicket"."normalized"
    AND ("newer"."createdAt" > "QuestionTicket"."createdAt"
      OR ("newer"."createdAt" = "QuestionTicket"."createdAt" AND "newer"."id" > "QuestionTicket"."id")));

-- Data: several opinions on one answer to a question: the newest stays.
DELETE FROM "AnswerFeedback"
WHERE "questionId" IS NOT NULL AND "entryId" IS NOT NULL AND EXISTS (
  SELECT 1 FROM "AnswerFeedback" AS "newer"
  WHERE "newer"."questionId" = "AnswerFeedback"."questionId" AND "newer"."entryId" = "AnswerFeedback"."entryId"
    AND ("newer"."createdAt" > "AnswerFeedback"."createdAt"
      OR ("newer"."createdAt" = "AnswerFeedback"."createdAt" AND "newer"."id" > "AnswerFeedback"."id")));

-- CreateIndex
CREATE UNIQUE INDEX "AccessRequest_pendingKey_key" ON "AccessRequest"("pendingKey");

-- CreateIndex
CREATE UNIQUE INDEX "AnswerFeedback_questionId_entryId_key" ON "AnswerFeedback"("questionId", "entryId");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionTicket_openKey_key" ON "QuestionTicket"("openKey");
