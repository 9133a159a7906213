-- AlterTable
ALTER TABLE "CourseAttendance" ADD COLUMN "markedById" INTEGER;

-- AlterTable
ALTER TABLE "CourseRsvp" ADD COLUMN "reason" TEXT;

-- CreateTable
CREATE TABLE "CourseSend" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "courseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "doneAt" DATETIME,
    "queued" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CourseSend_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CourseQuizAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "courseId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "quizKey" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "correct" BOOLEAN,
    "answeredAt" DATETIME NOT NULL,
    CONSTRAINT "CourseQuizAnswer_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CourseQuizAnswer_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Broadcast" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL DEFAULT 'announcement',
    "senderId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "courseId" INTEGER,
    "text" TEXT NOT NULL,
    "attachment" JSONB,
    "audience" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "total" INTEGER NOT NULL DEFAULT 0,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "unreachable" INTEGER NOT NULL DEFAULT 0,
    "progressChannel" TEXT,
    "progressChatId" TEXT,
    "progressMessageId" TEXT,
    "progressAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "queuedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Broadcast_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Broadcast_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Broadcast_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Broadcast" ("audience", "createdAt", "failed", "finishedAt", "id", "queuedAt", "senderId", "sent", "status", "text", "total", "unitId") SELECT "audience", "createdAt", "failed", "finishedAt", "id", "queuedAt", "senderId", "sent", "status", "text", "total", "unitId" FROM "Broadcast";
DROP TABLE "Broadcast";
ALTER TABLE "new_Broadcast" RENAME TO "Broadcast";
CREATE INDEX "Broadcast_status_idx" ON "Broadcast"("status");
CREATE TABLE "new_Course" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "content" TEXT,
    "venue" TEXT,
    "venueLatitude" REAL,
    "venueLongitude" REAL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "capacity" INTEGER,
    "rsvpDeadline" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "unitId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "checkInCode" TEXT,
    "checkInOpenedAt" DATETIME,
    "reminders" JSONB,
    "quizKey" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "publishedAt" DATETIME,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Course_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Course_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Course" ("capacity", "checkInCode", "content", "createdAt", "createdById", "endsAt", "id", "publishedAt", "reminders", "startsAt", "status", "title", "unitId", "updatedAt", "venue") SELECT "capacity", "checkInCode", "content", "createdAt", "createdById", "endsAt", "id", "publishedAt", "reminders", "startsAt", "status", "title", "unitId", "updatedAt", "venue" FROM "Course";
DROP TABLE "Course";
ALTER TABLE "new_Course" RENAME TO "Course";
CREATE INDEX "Course_status_startsAt_idx" ON "Course"("status", "startsAt");
CREATE INDEX "Course_checkInCode_idx" ON "Course"("checkInCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CourseSend_status_dueAt_idx" ON "CourseSend"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CourseSend_courseId_kind_dueAt_key" ON "CourseSend"("courseId", "kind", "dueAt");

-- CreateIndex
CREATE INDEX "CourseQuizAnswer_courseId_question_answer_idx" ON "CourseQuizAnswer"("courseId", "question", "answer");

-- CreateIndex
CREATE UNIQUE INDEX "CourseQuizAnswer_courseId_personId_question_key" ON "CourseQuizAnswer"("courseId", "personId", "question");

-- CreateIndex
CREATE INDEX "CourseAttendance_checkedInAt_idx" ON "CourseAttendance"("checkedInAt");

-- CreateIndex
CREATE INDEX "CourseRsvp_courseId_answer_answeredAt_idx" ON "CourseRsvp"("courseId", "answer", "answeredAt");
