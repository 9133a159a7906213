-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "parentId" INTEGER,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "fullName" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "title" TEXT,
    "role" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelAccount" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "personId" INTEGER,
    "username" TEXT,
    "displayName" TEXT,
    "locale" TEXT,
    "verifiedPhone" TEXT,
    "blockedAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),
    "lastInboundAt" TIMESTAMP(3),
    "linkedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "maxUses" INTEGER NOT NULL DEFAULT 1,
    "usedCount" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "headChoice" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivationCode" (
    "id" SERIAL NOT NULL,
    "codeHash" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedByAccountId" INTEGER,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ActivationCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InviteUse" (
    "id" SERIAL NOT NULL,
    "inviteId" INTEGER NOT NULL,
    "accountId" INTEGER NOT NULL,
    "personId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InviteUse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "phone" TEXT,
    "unitId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FaqEntry" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "topics" JSONB NOT NULL,
    "title" TEXT NOT NULL,
    "phrasings" JSONB NOT NULL,
    "keywords" JSONB,
    "answer" TEXT NOT NULL,
    "details" TEXT,
    "source" TEXT NOT NULL,
    "validFrom" TIMESTAMP(3),
    "validTo" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'verified',
    "contentHash" TEXT NOT NULL,
    "public" BOOLEAN NOT NULL DEFAULT true,
    "legalBasis" JSONB,
    "reviewBy" TIMESTAMP(3),
    "endedOn" TIMESTAMP(3),
    "replacedBy" JSONB,
    "areaCode" TEXT,
    "audience" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FaqEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FaqPhrasing" (
    "id" SERIAL NOT NULL,
    "entryId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "addedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FaqPhrasing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalDocument" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issuedOn" TIMESTAMP(3),
    "effectiveFrom" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "replacedBy" TEXT,
    "amendedBy" JSONB,
    "endedOn" TIMESTAMP(3),
    "note" TEXT,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LegalDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Question" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "personId" INTEGER,
    "text" TEXT NOT NULL,
    "matchedEntryId" INTEGER,
    "score" DOUBLE PRECISION,
    "confidence" TEXT,
    "candidates" JSONB,
    "ticketId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionTicket" (
    "id" SERIAL NOT NULL,
    "text" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "answer" TEXT,
    "answeredById" INTEGER,
    "answeredAt" TIMESTAMP(3),
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" TIMESTAMP(3),
    "promotedEntryKey" TEXT,
    "assigneeId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuestionTicket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnswerFeedback" (
    "id" SERIAL NOT NULL,
    "questionId" INTEGER,
    "entryId" INTEGER,
    "personId" INTEGER,
    "helpful" BOOLEAN NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnswerFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportForm" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportForm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" SERIAL NOT NULL,
    "formId" INTEGER NOT NULL,
    "periodKey" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "answers" JSONB NOT NULL,
    "returnedFields" JSONB,
    "returnComment" TEXT,
    "submittedAt" TIMESTAMP(3),
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "submitKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportRevision" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "event" TEXT NOT NULL,
    "comment" TEXT,
    "byId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Course" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT,
    "venue" TEXT,
    "venueLatitude" DOUBLE PRECISION,
    "venueLongitude" DOUBLE PRECISION,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER,
    "rsvpDeadline" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'draft',
    "unitId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "checkInCode" TEXT,
    "checkInOpenedAt" TIMESTAMP(3),
    "reminders" JSONB,
    "quizKey" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "publishedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "cancelReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourseAudience" (
    "id" SERIAL NOT NULL,
    "courseId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "CourseAudience_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourseRsvp" (
    "id" SERIAL NOT NULL,
    "courseId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "reason" TEXT,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CourseRsvp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourseAttendance" (
    "id" SERIAL NOT NULL,
    "courseId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "markedById" INTEGER,
    "checkedInAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CourseAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourseSend" (
    "id" SERIAL NOT NULL,
    "courseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "doneAt" TIMESTAMP(3),
    "queued" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CourseSend_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourseQuizAnswer" (
    "id" SERIAL NOT NULL,
    "courseId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "quizKey" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "correct" BOOLEAN,
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CourseQuizAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" SERIAL NOT NULL,
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
    "queuedUnreachable" JSONB,
    "progressChannel" TEXT,
    "progressChatId" TEXT,
    "progressMessageId" TEXT,
    "progressAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "queuedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxPace" (
    "channel" TEXT NOT NULL,
    "nextSlotMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "pausedUntilMs" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "OutboxPace_pkey" PRIMARY KEY ("channel")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "broadcastId" INTEGER,
    "personId" INTEGER,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "sentMessageId" TEXT,
    "ref" TEXT,
    "senderId" INTEGER,
    "deliveryMode" TEXT,
    "deliveryReason" TEXT,
    "deliveryCostVnd" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SummarySubscription" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "cadence" TEXT NOT NULL,
    "localTime" TEXT NOT NULL DEFAULT '07:00',
    "weekday" INTEGER,
    "monthDay" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sendFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SummarySubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SummarySent" (
    "id" SERIAL NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "periodKey" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "late" BOOLEAN NOT NULL DEFAULT false,
    "outboxId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SummarySent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GeneratedFile" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GeneratedFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchedulerRun" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "fireAt" TIMESTAMP(3) NOT NULL,
    "instanceId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'running',
    "error" TEXT,

    CONSTRAINT "SchedulerRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "unitId" INTEGER,
    "details" JSONB,
    "batchId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeBatch" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" INTEGER,
    "via" TEXT NOT NULL,
    "fileName" TEXT,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "undoOfId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationState" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updateId" BIGINT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationState_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "botId" TEXT NOT NULL,
    "updateId" BIGINT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" TEXT,
    "receivedBy" TEXT,
    "replays" INTEGER NOT NULL DEFAULT 0,
    "handledAt" TIMESTAMP(3),

    CONSTRAINT "ProcessedUpdate_pkey" PRIMARY KEY ("botId","updateId")
);

-- CreateTable
CREATE TABLE "InstanceRun" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "InstanceRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZaloPeer" (
    "id" SERIAL NOT NULL,
    "zaloId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "lastMessageId" INTEGER NOT NULL DEFAULT 0,
    "menu" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ZaloPeer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZaloMessage" (
    "peerId" INTEGER NOT NULL,
    "messageId" INTEGER NOT NULL,
    "zaloMessageId" TEXT,
    "text" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ZaloMessage_pkey" PRIMARY KEY ("peerId","messageId")
);

-- CreateTable
CREATE TABLE "ZaloInbound" (
    "id" SERIAL NOT NULL,
    "zaloMessageId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "update" TEXT,
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "ackedAt" TIMESTAMP(3),

    CONSTRAINT "ZaloInbound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZaloOaCredential" (
    "id" SERIAL NOT NULL,
    "oaId" TEXT NOT NULL,
    "accessToken" TEXT NOT NULL,
    "refreshToken" TEXT NOT NULL,
    "accessExpiresAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZaloOaCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZaloHostedFile" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZaloHostedFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE INDEX "Unit_path_idx" ON "Unit"("path");

-- CreateIndex
CREATE UNIQUE INDEX "Person_phone_key" ON "Person"("phone");

-- CreateIndex
CREATE INDEX "Person_unitId_role_idx" ON "Person"("unitId", "role");

-- CreateIndex
CREATE INDEX "Person_role_status_idx" ON "Person"("role", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelAccount_channel_externalId_key" ON "ChannelAccount"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelAccount_personId_channel_key" ON "ChannelAccount"("personId", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_tokenHash_key" ON "Invite"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ActivationCode_codeHash_key" ON "ActivationCode"("codeHash");

-- CreateIndex
CREATE INDEX "ActivationCode_personId_idx" ON "ActivationCode"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "InviteUse_inviteId_accountId_key" ON "InviteUse"("inviteId", "accountId");

-- CreateIndex
CREATE INDEX "AccessRequest_status_unitId_idx" ON "AccessRequest"("status", "unitId");

-- CreateIndex
CREATE INDEX "AccessRequest_accountId_idx" ON "AccessRequest"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "FaqEntry_key_key" ON "FaqEntry"("key");

-- CreateIndex
CREATE INDEX "FaqEntry_areaCode_idx" ON "FaqEntry"("areaCode");

-- CreateIndex
CREATE UNIQUE INDEX "FaqPhrasing_entryId_normalized_key" ON "FaqPhrasing"("entryId", "normalized");

-- CreateIndex
CREATE UNIQUE INDEX "LegalDocument_key_key" ON "LegalDocument"("key");

-- CreateIndex
CREATE INDEX "Question_ticketId_idx" ON "Question"("ticketId");

-- CreateIndex
CREATE INDEX "Question_createdAt_idx" ON "Question"("createdAt");

-- CreateIndex
CREATE INDEX "Question_confidence_createdAt_idx" ON "Question"("confidence", "createdAt");

-- CreateIndex
CREATE INDEX "QuestionTicket_status_unitId_idx" ON "QuestionTicket"("status", "unitId");

-- CreateIndex
CREATE INDEX "QuestionTicket_normalized_idx" ON "QuestionTicket"("normalized");

-- CreateIndex
CREATE INDEX "AnswerFeedback_entryId_idx" ON "AnswerFeedback"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportForm_key_version_key" ON "ReportForm"("key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Report_submitKey_key" ON "Report"("submitKey");

-- CreateIndex
CREATE INDEX "Report_formId_periodKey_unitId_idx" ON "Report"("formId", "periodKey", "unitId");

-- CreateIndex
CREATE INDEX "Report_unitId_formId_periodKey_idx" ON "Report"("unitId", "formId", "periodKey");

-- CreateIndex
CREATE INDEX "Report_formId_submittedAt_idx" ON "Report"("formId", "submittedAt");

-- CreateIndex
CREATE INDEX "Report_unitId_formId_submittedAt_idx" ON "Report"("unitId", "formId", "submittedAt");

-- CreateIndex
CREATE INDEX "Report_status_unitId_updatedAt_formId_idx" ON "Report"("status", "unitId", "updatedAt", "formId");

-- CreateIndex
CREATE INDEX "Report_urgent_unitId_submittedAt_idx" ON "Report"("urgent", "unitId", "submittedAt");

-- CreateIndex
CREATE INDEX "Report_personId_status_idx" ON "Report"("personId", "status");

-- CreateIndex
CREATE INDEX "ReportRevision_reportId_idx" ON "ReportRevision"("reportId");

-- CreateIndex
CREATE INDEX "Course_status_startsAt_idx" ON "Course"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Course_checkInCode_idx" ON "Course"("checkInCode");

-- CreateIndex
CREATE UNIQUE INDEX "CourseAudience_courseId_unitId_role_key" ON "CourseAudience"("courseId", "unitId", "role");

-- CreateIndex
CREATE INDEX "CourseRsvp_courseId_answer_answeredAt_idx" ON "CourseRsvp"("courseId", "answer", "answeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "CourseRsvp_courseId_personId_key" ON "CourseRsvp"("courseId", "personId");

-- CreateIndex
CREATE INDEX "CourseAttendance_checkedInAt_idx" ON "CourseAttendance"("checkedInAt");

-- CreateIndex
CREATE UNIQUE INDEX "CourseAttendance_courseId_personId_key" ON "CourseAttendance"("courseId", "personId");

-- CreateIndex
CREATE INDEX "CourseSend_status_dueAt_idx" ON "CourseSend"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CourseSend_courseId_kind_dueAt_key" ON "CourseSend"("courseId", "kind", "dueAt");

-- CreateIndex
CREATE INDEX "CourseQuizAnswer_courseId_question_answer_idx" ON "CourseQuizAnswer"("courseId", "question", "answer");

-- CreateIndex
CREATE UNIQUE INDEX "CourseQuizAnswer_courseId_personId_question_key" ON "CourseQuizAnswer"("courseId", "personId", "question");

-- CreateIndex
CREATE INDEX "Broadcast_status_idx" ON "Broadcast"("status");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_chatId_sentMessageId_idx" ON "OutboxMessage"("chatId", "sentMessageId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_broadcastId_status_idx" ON "OutboxMessage"("broadcastId", "status");

-- CreateIndex
CREATE INDEX "OutboxMessage_deliveryMode_claimedAt_idx" ON "OutboxMessage"("deliveryMode", "claimedAt");

-- CreateIndex
CREATE INDEX "SummarySubscription_active_cadence_idx" ON "SummarySubscription"("active", "cadence");

-- CreateIndex
CREATE UNIQUE INDEX "SummarySubscription_personId_unitId_cadence_key" ON "SummarySubscription"("personId", "unitId", "cadence");

-- CreateIndex
CREATE UNIQUE INDEX "SummarySent_subscriptionId_periodKey_key" ON "SummarySent"("subscriptionId", "periodKey");

-- CreateIndex
CREATE INDEX "GeneratedFile_expiresAt_idx" ON "GeneratedFile"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "SchedulerRun_job_fireAt_key" ON "SchedulerRun"("job", "fireAt");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_action_idx" ON "AuditLog"("action");

-- CreateIndex
CREATE INDEX "AuditLog_batchId_idx" ON "AuditLog"("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeBatch_undoOfId_key" ON "ChangeBatch"("undoOfId");

-- CreateIndex
CREATE INDEX "ChangeBatch_createdAt_idx" ON "ChangeBatch"("createdAt");

-- CreateIndex
CREATE INDEX "ProcessedUpdate_processedAt_idx" ON "ProcessedUpdate"("processedAt");

-- CreateIndex
CREATE INDEX "ProcessedUpdate_receivedBy_handledAt_idx" ON "ProcessedUpdate"("receivedBy", "handledAt");

-- CreateIndex
CREATE INDEX "InstanceRun_heartbeatAt_idx" ON "InstanceRun"("heartbeatAt");

-- CreateIndex
CREATE UNIQUE INDEX "ZaloPeer_zaloId_key" ON "ZaloPeer"("zaloId");

-- CreateIndex
CREATE INDEX "ZaloMessage_zaloMessageId_idx" ON "ZaloMessage"("zaloMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "ZaloInbound_zaloMessageId_key" ON "ZaloInbound"("zaloMessageId");

-- CreateIndex
CREATE INDEX "ZaloInbound_ackedAt_idx" ON "ZaloInbound"("ackedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ZaloOaCredential_oaId_key" ON "ZaloOaCredential"("oaId");

-- CreateIndex
CREATE UNIQUE INDEX "ZaloHostedFile_tokenHash_key" ON "ZaloHostedFile"("tokenHash");

-- CreateIndex
CREATE INDEX "ZaloHostedFile_expiresAt_idx" ON "ZaloHostedFile"("expiresAt");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelAccount" ADD CONSTRAINT "ChannelAccount_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivationCode" ADD CONSTRAINT "ActivationCode_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivationCode" ADD CONSTRAINT "ActivationCode_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivationCode" ADD CONSTRAINT "ActivationCode_usedByAccountId_fkey" FOREIGN KEY ("usedByAccountId") REFERENCES "ChannelAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteUse" ADD CONSTRAINT "InviteUse_inviteId_fkey" FOREIGN KEY ("inviteId") REFERENCES "Invite"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteUse" ADD CONSTRAINT "InviteUse_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ChannelAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ChannelAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FaqPhrasing" ADD CONSTRAINT "FaqPhrasing_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "FaqEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ChannelAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_matchedEntryId_fkey" FOREIGN KEY ("matchedEntryId") REFERENCES "FaqEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "QuestionTicket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionTicket" ADD CONSTRAINT "QuestionTicket_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionTicket" ADD CONSTRAINT "QuestionTicket_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionTicket" ADD CONSTRAINT "QuestionTicket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerFeedback" ADD CONSTRAINT "AnswerFeedback_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerFeedback" ADD CONSTRAINT "AnswerFeedback_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "FaqEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerFeedback" ADD CONSTRAINT "AnswerFeedback_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_formId_fkey" FOREIGN KEY ("formId") REFERENCES "ReportForm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRevision" ADD CONSTRAINT "ReportRevision_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRevision" ADD CONSTRAINT "ReportRevision_byId_fkey" FOREIGN KEY ("byId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseAudience" ADD CONSTRAINT "CourseAudience_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseAudience" ADD CONSTRAINT "CourseAudience_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseRsvp" ADD CONSTRAINT "CourseRsvp_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseRsvp" ADD CONSTRAINT "CourseRsvp_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseAttendance" ADD CONSTRAINT "CourseAttendance_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseAttendance" ADD CONSTRAINT "CourseAttendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseSend" ADD CONSTRAINT "CourseSend_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseQuizAnswer" ADD CONSTRAINT "CourseQuizAnswer_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseQuizAnswer" ADD CONSTRAINT "CourseQuizAnswer_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_senderId_fkey" FOREIGN KEY ("senderId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SummarySubscription" ADD CONSTRAINT "SummarySubscription_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SummarySubscription" ADD CONSTRAINT "SummarySubscription_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SummarySent" ADD CONSTRAINT "SummarySent_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "SummarySubscription"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ChangeBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeBatch" ADD CONSTRAINT "ChangeBatch_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeBatch" ADD CONSTRAINT "ChangeBatch_undoOfId_fkey" FOREIGN KEY ("undoOfId") REFERENCES "ChangeBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZaloMessage" ADD CONSTRAINT "ZaloMessage_peerId_fkey" FOREIGN KEY ("peerId") REFERENCES "ZaloPeer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
