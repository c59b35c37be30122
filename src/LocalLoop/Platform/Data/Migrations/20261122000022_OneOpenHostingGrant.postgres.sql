-- One open (unrevoked) hosted-operation grant per merchant and agent, enforced by the database so parallel grants
-- cannot both succeed. Grants superseded by a later one (lapsed, or doubled by a past race) are closed first, at
-- the instant they ended, with nobody as the revoker.
UPDATE "HostingGrants" SET "RevokedAt" = COALESCE("ExpiresAt", "GrantedAt")
WHERE "RevokedAt" IS NULL AND EXISTS (
    SELECT 1 FROM "HostingGrants" later
    WHERE later."MerchantId" = "HostingGrants"."MerchantId" AND later."AgentUserId" = "HostingGrants"."AgentUserId"
      AND later."RevokedAt" IS NULL AND later."GrantedAt" > "HostingGrants"."GrantedAt");

CREATE UNIQUE INDEX "IX_HostingGrants_MerchantId_AgentUserId" ON "HostingGrants" ("MerchantId", "AgentUserId") WHERE "RevokedAt" IS NULL;
