-- CreateTable
CREATE TABLE "GeneratedFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SummarySent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "subscriptionId" INTEGER NOT NULL,
    "periodKey" TEXT NOT NULL,
    "dueAt" DATETIME,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "outboxId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SummarySent_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "SummarySubscription" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SummarySent" ("createdAt", "id", "outboxId", "periodKey", "subscriptionId") SELECT "createdAt", "id", "outboxId", "periodKey", "subscriptionId" FROM "SummarySent";
DROP TABLE "SummarySent";
ALTER TABLE "new_SummarySent" RENAME TO "SummarySent";
CREATE UNIQUE INDEX "SummarySent_subscriptionId_periodKey_key" ON "SummarySent"("subscriptionId", "periodKey");
CREATE TABLE "new_SummarySubscription" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "cadence" TEXT NOT NULL,
    "localTime" TEXT NOT NULL DEFAULT '07:00',
    "weekday" INTEGER,
    "monthDay" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sendFrom" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SummarySubscription_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SummarySubscription_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SummarySubscription" ("active", "cadence", "createdAt", "id", "localTime", "personId", "unitId", "updatedAt", "weekday") SELECT "active", "cadence", "createdAt", "id", "localTime", "personId", "unitId", "updatedAt", "weekday" FROM "SummarySubscription";
DROP TABLE "SummarySubscription";
ALTER TABLE "new_SummarySubscription" RENAME TO "SummarySubscription";
CREATE INDEX "SummarySubscription_active_cadence_idx" ON "SummarySubscription"("active", "cadence");
CREATE UNIQUE INDEX "SummarySubscription_personId_unitId_cadence_key" ON "SummarySubscription"("personId", "unitId", "cadence");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "GeneratedFile_expiresAt_idx" ON "GeneratedFile"("expiresAt");

-- CreateIndex
CREATE INDEX "Report_unitId_formId_periodKey_idx" ON "Report"("unitId", "formId", "periodKey");

-- CreateIndex
CREATE INDEX "Report_formId_submittedAt_idx" ON "Report"("formId", "submittedAt");
