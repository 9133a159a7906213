-- CreateTable
CREATE TABLE "ZaloPeer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "zaloId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "lastMessageId" INTEGER NOT NULL DEFAULT 0,
    "menu" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ZaloMessage" (
    "peerId" INTEGER NOT NULL,
    "messageId" INTEGER NOT NULL,
    "zaloMessageId" TEXT,
    "text" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("peerId", "messageId"),
    CONSTRAINT "ZaloMessage_peerId_fkey" FOREIGN KEY ("peerId") REFERENCES "ZaloPeer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ZaloInbound" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "zaloMessageId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "update" TEXT,
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "receivedAt" DATETIME NOT NULL,
    "ackedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ZaloHostedFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ZaloPeer_zaloId_key" ON "ZaloPeer"("zaloId");

-- CreateIndex
CREATE INDEX "ZaloMessage_zaloMessageId_idx" ON "ZaloMessage"("zaloMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "ZaloInbound_zaloMessageId_key" ON "ZaloInbound"("zaloMessageId");

-- CreateIndex
CREATE INDEX "ZaloInbound_ackedAt_idx" ON "ZaloInbound"("ackedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ZaloHostedFile_tokenHash_key" ON "ZaloHostedFile"("tokenHash");

-- CreateIndex
CREATE INDEX "ZaloHostedFile_expiresAt_idx" ON "ZaloHostedFile"("expiresAt");
