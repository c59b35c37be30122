-- Weekly hours replace the single daily OpensAt/ClosesAt: every store gets its old period on all seven days.
WITH days("Day") AS (VALUES ('Sunday'), ('Monday'), ('Tuesday'), ('Wednesday'), ('Thursday'), ('Friday'), ('Saturday'))
INSERT INTO "StoreHours" ("Id", "StoreId", "MerchantId", "Day", "OpensAt", "ClosesAt")
SELECT gen_random_uuid(), s."Id", s."MerchantId", d."Day", s."OpensAt", s."ClosesAt"
FROM "Stores" s CROSS JOIN days d
WHERE NOT EXISTS (SELECT 1 FROM "StoreHours" h WHERE h."StoreId" = s."Id");

ALTER TABLE "Stores" DROP COLUMN "OpensAt";
ALTER TABLE "Stores" DROP COLUMN "ClosesAt";

CREATE TABLE "RecentViews" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "TargetId" uuid NOT NULL,
    "ViewedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_RecentViews" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_RecentViews_UserId_Kind_TargetId" ON "RecentViews" ("UserId", "Kind", "TargetId");
CREATE INDEX "IX_RecentViews_UserId_ViewedAt" ON "RecentViews" ("UserId", "ViewedAt");
