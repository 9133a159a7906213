-- AlterTable
ALTER TABLE "Invite" ADD COLUMN "headChoice" JSONB;

-- CreateTable
CREATE TABLE "ChangeBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "actorId" INTEGER,
    "via" TEXT NOT NULL,
    "fileName" TEXT,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "undoOfId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ChangeBatch_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ChangeBatch_undoOfId_fkey" FOREIGN KEY ("undoOfId") REFERENCES "ChangeBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "unitId" INTEGER,
    "details" JSONB,
    "batchId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditLog_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ChangeBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AuditLog" ("action", "actorId", "createdAt", "details", "id", "targetId", "targetType", "unitId") SELECT "action", "actorId", "createdAt", "details", "id", "targetId", "targetType", "unitId" FROM "AuditLog";
DROP TABLE "AuditLog";
ALTER TABLE "new_AuditLog" RENAME TO "AuditLog";
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");
CREATE INDEX "AuditLog_action_idx" ON "AuditLog"("action");
CREATE INDEX "AuditLog_batchId_idx" ON "AuditLog"("batchId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ChangeBatch_undoOfId_key" ON "ChangeBatch"("undoOfId");

-- CreateIndex
CREATE INDEX "ChangeBatch_createdAt_idx" ON "ChangeBatch"("createdAt");
