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

CREATE TABLE "AdPlacements" (
    "Id" uuid NOT NULL,
    "Slot" character varying(32) NOT NULL,
    "CityCode" character varying(32) NOT NULL,
    "MerchantId" uuid,
    "TargetKind" character varying(32) NOT NULL,
    "TargetId" uuid,
    "TargetUrl" character varying(500),
    "Title" character varying(60) NOT NULL,
    "ImageUrl" character varying(500) NOT NULL,
    "StartsAt" timestamp with time zone NOT NULL,
    "EndsAt" timestamp with time zone NOT NULL,
    "SortOrder" integer NOT NULL,
    "Active" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AdPlacements" PRIMARY KEY ("Id")
);

CREATE TABLE "AdDailyStats" (
    "PlacementId" uuid NOT NULL,
    "Day" date NOT NULL,
    "Slot" character varying(32) NOT NULL,
    "MerchantId" uuid,
    "Impressions" bigint NOT NULL,
    "Clicks" bigint NOT NULL,
    CONSTRAINT "PK_AdDailyStats" PRIMARY KEY ("PlacementId", "Day")
);

CREATE INDEX "IX_AdPlacements_Slot_CityCode_Active" ON "AdPlacements" ("Slot", "CityCode", "Active");
CREATE INDEX "IX_AdDailyStats_Day_Slot_MerchantId" ON "AdDailyStats" ("Day", "Slot", "MerchantId");
