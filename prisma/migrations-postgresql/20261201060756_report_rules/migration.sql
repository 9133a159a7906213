-- One open draft per person and form: where a person had several drafts of one form, only the
-- newest stays (the bot always resumed the newest; the older ones could only be discarded).
DELETE FROM "ReportRevision" WHERE "reportId" IN (
    SELECT r."id" FROM "Report" r JOIN "ReportForm" f ON f."id" = r."formId"
    WHERE r."status" = 'draft' AND EXISTS (
        SELECT 1 FROM "Report" o JOIN "ReportForm" g ON g."id" = o."formId"
        WHERE o."status" = 'draft' AND o."personId" = r."personId" AND g."key" = f."key"
          AND (o."updatedAt" > r."updatedAt" OR (o."updatedAt" = r."updatedAt" AND o."id" > r."id"))));
DELETE FROM "Report" WHERE "id" IN (
    SELECT r."id" FROM "Report" r JOIN "ReportForm" f ON f."id" = r."formId"
    WHERE r."status" = 'draft' AND EXISTS (
        SELECT 1 FROM "Report" o JOIN "ReportForm" g ON g."id" = o."formId"
        WHERE o."status" = 'draft' AND o."personId" = r."personId" AND g."key" = f."key"
          AND (o."updatedAt" > r."updatedAt" OR (o."updatedAt" = r."updatedAt" AND o."id" > r."id"))));

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "formKey" TEXT,
ADD COLUMN     "openDraftKey" TEXT,
ADD COLUMN     "sentSlotKey" TEXT;

-- The form key copied from each report's form; the open-draft key of every draft; the slot key of
-- every sent periodic report — where a unit had sent one form twice for a period, the slot goes
-- to the report sent last (the one the reviewers' screens show), the other keeps none.
UPDATE "Report" r SET
    "formKey" = f."key",
    "openDraftKey" = CASE WHEN r."status" = 'draft' THEN CAST(r."personId" AS TEXT) || ':' || f."key" END,
    "sentSlotKey" = CASE WHEN r."status" IN ('submitted', 'returned', 'accepted') AND r."periodKey" NOT LIKE 'adhoc%'
          AND NOT EXISTS (
            SELECT 1 FROM "Report" o JOIN "ReportForm" g ON g."id" = o."formId"
            WHERE o."id" <> r."id" AND g."key" = f."key" AND o."periodKey" = r."periodKey"
              AND o."unitId" = r."unitId" AND o."status" IN ('submitted', 'returned', 'accepted')
              AND (COALESCE(o."submittedAt", o."createdAt") > COALESCE(r."submittedAt", r."createdAt")
                OR (COALESCE(o."submittedAt", o."createdAt") = COALESCE(r."submittedAt", r."createdAt")
                  AND o."id" > r."id")))
        THEN f."key" || ':' || r."periodKey" || ':' || CAST(r."unitId" AS TEXT) END
FROM "ReportForm" f WHERE f."id" = r."formId";

ALTER TABLE "Report" ALTER COLUMN "formKey" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Report_openDraftKey_key" ON "Report"("openDraftKey");

-- CreateIndex
CREATE UNIQUE INDEX "Report_sentSlotKey_key" ON "Report"("sentSlotKey");
