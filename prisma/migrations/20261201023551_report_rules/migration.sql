-- One open draft per person and form: where a person had several drafts of one form, only the
-- newest stays (the bot always resumed the newest; the older ones could only be discarded).
-- Drafts have no revisions, but any there would go with them.
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

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Report" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "formId" INTEGER NOT NULL,
    "formKey" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "openDraftKey" TEXT,
    "sentSlotKey" TEXT,
    "answers" JSONB NOT NULL,
    "returnedFields" JSONB,
    "returnComment" TEXT,
    "submittedAt" DATETIME,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "submitKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Report_formId_fkey" FOREIGN KEY ("formId") REFERENCES "ReportForm" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Report_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Report_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- The form key copied from each report's form; the open-draft key of every draft; the slot key of
-- every sent periodic report — where a unit had sent one form twice for a period, the slot goes
-- to the report sent last (the one the reviewers' screens show), the other keeps none.
INSERT INTO "new_Report" ("answers", "createdAt", "formId", "formKey", "id", "openDraftKey", "periodKey", "personId", "returnComment", "returnedFields", "sentSlotKey", "status", "submitKey", "submittedAt", "unitId", "updatedAt", "urgent")
SELECT r."answers", r."createdAt", r."formId", f."key", r."id",
    CASE WHEN r."status" = 'draft' THEN CAST(r."personId" AS TEXT) || ':' || f."key" END,
    r."periodKey", r."personId", r."returnComment", r."returnedFields",
    CASE WHEN r."status" IN ('submitted', 'returned', 'accepted') AND r."periodKey" NOT LIKE 'adhoc%'
          AND NOT EXISTS (
            SELECT 1 FROM "Report" o JOIN "ReportForm" g ON g."id" = o."formId"
            WHERE o."id" <> r."id" AND g."key" = f."key" AND o."periodKey" = r."periodKey"
              AND o."unitId" = r."unitId" AND o."status" IN ('submitted', 'returned', 'accepted')
              AND (COALESCE(o."submittedAt", o."createdAt") > COALESCE(r."submittedAt", r."createdAt")
                OR (COALESCE(o."submittedAt", o."createdAt") = COALESCE(r."submittedAt", r."createdAt")
                  AND o."id" > r."id")))
        THEN f."key" || ':' || r."periodKey" || ':' || CAST(r."unitId" AS TEXT) END,
    r."status", r."submitKey", r."submittedAt", r."unitId", r."updatedAt", r."urgent"
FROM "Report" r JOIN "ReportForm" f ON f."id" = r."formId";
DROP TABLE "Report";
ALTER TABLE "new_Report" RENAME TO "Report";
CREATE UNIQUE INDEX "Report_openDraftKey_key" ON "Report"("openDraftKey");
CREATE UNIQUE INDEX "Report_sentSlotKey_key" ON "Report"("sentSlotKey");
CREATE UNIQUE INDEX "Report_submitKey_key" ON "Report"("submitKey");
CREATE INDEX "Report_formId_periodKey_unitId_idx" ON "Report"("formId", "periodKey", "unitId");
CREATE INDEX "Report_unitId_formId_periodKey_idx" ON "Report"("unitId", "formId", "periodKey");
CREATE INDEX "Report_formId_submittedAt_idx" ON "Report"("formId", "submittedAt");
CREATE INDEX "Report_unitId_formId_submittedAt_idx" ON "Report"("unitId", "formId", "submittedAt");
CREATE INDEX "Report_status_unitId_updatedAt_formId_idx" ON "Report"("status", "unitId", "updatedAt", "formId");
CREATE INDEX "Report_urgent_unitId_submittedAt_idx" ON "Report"("urgent", "unitId", "submittedAt");
CREATE INDEX "Report_personId_status_idx" ON "Report"("personId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
