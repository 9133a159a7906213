-- CreateTable
CREATE TABLE "ZaloOaCredential" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "oaId" TEXT NOT NULL,
    "accessToken" TEXT NOT NULL,
    "refreshToken" TEXT NOT NULL,
    "accessExpiresAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ZaloOaCredential_oaId_key" ON "ZaloOaCredential"("oaId");
