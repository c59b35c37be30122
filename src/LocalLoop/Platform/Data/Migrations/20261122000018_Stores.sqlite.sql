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

CREATE TABLE "AdPlacements" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AdPlacements" PRIMARY KEY,
    "Slot" TEXT NOT NULL,
    "CityCode" TEXT NOT NULL,
    "MerchantId" TEXT NULL,
    "TargetKind" TEXT NOT NULL,
    "TargetId" TEXT NULL,
    "TargetUrl" TEXT NULL,
    "Title" TEXT NOT NULL,
    "ImageUrl" TEXT NOT NULL,
    "StartsAt" INTEGER NOT NULL,
    "EndsAt" INTEGER NOT NULL,
    "SortOrder" INTEGER NOT NULL,
    "Active" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "AdDailyStats" (
    "PlacementId" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "Slot" TEXT NOT NULL,
    "MerchantId" TEXT NULL,
    "Impressions" INTEGER NOT NULL,
    "Clicks" INTEGER NOT NULL,
    CONSTRAINT "PK_AdDailyStats" PRIMARY KEY ("PlacementId", "Day")
);

CREATE INDEX "IX_AdPlacements_Slot_CityCode_Active" ON "AdPlacements" ("Slot", "CityCode", "Active");
CREATE INDEX "IX_AdDailyStats_Day_Slot_MerchantId" ON "AdDailyStats" ("Day", "Slot", "MerchantId");
