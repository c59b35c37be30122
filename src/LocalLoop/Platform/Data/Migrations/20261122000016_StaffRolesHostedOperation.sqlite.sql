ALTER TABLE "AspNetUsers" ADD "DisabledAt" INTEGER NULL;

CREATE TABLE "HostingAuditEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_HostingAuditEntries" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "AgentUserId" TEXT NOT NULL,
    "GrantId" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "Path" TEXT NOT NULL,
    "StatusCode" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "Summary" TEXT NOT NULL
);


CREATE TABLE "HostingGrants" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_HostingGrants" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "AgentUserId" TEXT NOT NULL,
    "GrantedByUserId" TEXT NOT NULL,
    "GrantedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NULL,
    "RevokedAt" INTEGER NULL,
    "RevokedByUserId" TEXT NULL
);

CREATE INDEX "IX_HostingAuditEntries_MerchantId_At" ON "HostingAuditEntries" ("MerchantId", "At");
CREATE INDEX "IX_HostingGrants_AgentUserId" ON "HostingGrants" ("AgentUserId");
CREATE INDEX "IX_HostingGrants_MerchantId_GrantedAt" ON "HostingGrants" ("MerchantId", "GrantedAt");
