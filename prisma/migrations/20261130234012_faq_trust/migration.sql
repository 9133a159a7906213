-- Policy answers officers can trust (issue 14): legal-document registry, legal basis, review date, history, national/local reach,
-- a promoted answer's audience until approved, editors' phrasings, and the search's confidence on each question.
-- AlterTable
ALTER TABLE "FaqEntry" ADD COLUMN "areaCode" TEXT;
ALTER TABLE "FaqEntry" ADD COLUMN "audience" JSONB;
ALTER TABLE "FaqEntry" ADD COLUMN "endedOn" DATETIME;
ALTER TABLE "FaqEntry" ADD COLUMN "legalBasis" JSONB;
ALTER TABLE "FaqEntry" ADD COLUMN "replacedBy" JSONB;
ALTER TABLE "FaqEntry" ADD COLUMN "reviewBy" DATETIME;

-- AlterTable
ALTER TABLE "Question" ADD COLUMN "candidates" JSONB;
ALTER TABLE "Question" ADD COLUMN "confidence" TEXT;

-- CreateTable
CREATE TABLE "FaqPhrasing" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entryId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "addedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FaqPhrasing_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "FaqEntry" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LegalDocument" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issuedOn" DATETIME,
    "effectiveFrom" DATETIME,
    "status" TEXT NOT NULL,
    "replacedBy" TEXT,
    "amendedBy" JSONB,
    "endedOn" DATETIME,
    "note" TEXT,
    "contentHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "FaqPhrasing_entryId_normalized_key" ON "FaqPhrasing"("entryId", "normalized");

-- CreateIndex
CREATE UNIQUE INDEX "LegalDocument_key_key" ON "LegalDocument"("key");

-- CreateIndex
CREATE INDEX "FaqEntry_areaCode_idx" ON "FaqEntry"("areaCode");

-- CreateIndex
CREATE INDEX "Question_confidence_createdAt_idx" ON "Question"("confidence", "createdAt");
