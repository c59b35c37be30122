-- Weekly hours replace the single daily OpensAt/ClosesAt: every store gets its old period on all seven days.
-- EF stores Guids in SQLite as upper-case text (8-4-4-4-12); hex() of random bytes is upper-case already.
WITH days("Day") AS (VALUES ('Sunday'), ('Monday'), ('Tuesday'), ('Wednesday'), ('Thursday'), ('Friday'), ('Saturday'))
INSERT INTO "StoreHours" ("Id", "StoreId", "MerchantId", "Day", "OpensAt", "ClosesAt")
SELECT hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)),
       s."Id", s."MerchantId", d."Day", s."OpensAt", s."ClosesAt"
FROM "Stores" s CROSS JOIN days d
WHERE NOT EXISTS (SELECT 1 FROM "StoreHours" h WHERE h."StoreId" = s."Id");

ALTER TABLE "Stores" DROP COLUMN "OpensAt";
ALTER TABLE "Stores" DROP COLUMN "ClosesAt";

CREATE TABLE "RecentViews" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RecentViews" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "TargetId" TEXT NOT NULL,
    "ViewedAt" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_RecentViews_UserId_Kind_TargetId" ON "RecentViews" ("UserId", "Kind", "TargetId");
CREATE INDEX "IX_RecentViews_UserId_ViewedAt" ON "RecentViews" ("UserId", "ViewedAt");
