ALTER TABLE "AspNetUsers" ADD "DisabledAt" timestamp with time zone;

CREATE TABLE "HostingAuditEntries" (
    "Id" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "AgentUserId" uuid NOT NULL,
    "GrantId" uuid NOT NULL,
    "Method" character varying(10) NOT NULL,
    "Path" character varying(300) NOT NULL,
    "StatusCode" integer NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Summary" character varying(300) NOT NULL,
    CONSTRAINT "PK_HostingAuditEntries" PRIMARY KEY ("Id")
);


CREATE TABLE "HostingGrants" (
    "Id" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "AgentUserId" uuid NOT NULL,
    "GrantedByUserId" uuid NOT NULL,
    "GrantedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    "RevokedByUserId" uuid,
    CONSTRAINT "PK_HostingGrants" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_HostingAuditEntries_MerchantId_At" ON "HostingAuditEntries" ("MerchantId", "At");
CREATE INDEX "IX_HostingGrants_AgentUserId" ON "HostingGrants" ("AgentUserId");
CREATE INDEX "IX_HostingGrants_MerchantId_GrantedAt" ON "HostingGrants" ("MerchantId", "GrantedAt");
