-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_QuestionTicket" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "text" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "answer" TEXT,
    "answeredById" INTEGER,
    "answeredAt" DATETIME,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" DATETIME,
    "promotedEntryKey" TEXT,
    "assigneeId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "QuestionTicket_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "QuestionTicket_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "QuestionTicket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_QuestionTicket" ("answer", "answeredAt", "answeredById", "createdAt", "escalatedAt", "escalationLevel", "id", "normalized", "promotedEntryKey", "status", "text", "unitId", "updatedAt") SELECT "answer", "answeredAt", "answeredById", "createdAt", "escalatedAt", "escalationLevel", "id", "normalized", "promotedEntryKey", "status", "text", "unitId", "updatedAt" FROM "QuestionTicket";
DROP TABLE "QuestionTicket";
ALTER TABLE "new_QuestionTicket" RENAME TO "QuestionTicket";
CREATE INDEX "QuestionTicket_status_unitId_idx" ON "QuestionTicket"("status", "unitId");
CREATE INDEX "QuestionTicket_normalized_idx" ON "QuestionTicket"("normalized");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
