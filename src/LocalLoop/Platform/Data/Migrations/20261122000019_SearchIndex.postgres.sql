-- Nearby search reads one row per store, keyed by latitude band and longitude, so a radius query is a few index
-- range scans. pg_trgm (a trusted extension: the database owner may create it) indexes the search text for keywords
-- of three characters or more. SearchIndex fills the table; the app rebuilds it at start when it is empty.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE "StoreSearchDocs" (
    "StoreId" uuid NOT NULL,
    "LatRow" integer NOT NULL,
    "Longitude" double precision NOT NULL,
    "MerchantId" uuid NOT NULL,
    "Latitude" double precision NOT NULL,
    "StoreName" character varying(100) NOT NULL,
    "MerchantName" character varying(100) NOT NULL,
    "Category" character varying(64) NOT NULL,
    "CategoryCodes" text NOT NULL,
    "SearchText" text NOT NULL,
    "Hours" text NOT NULL,
    "AverageRating" double precision,
    "ReviewCount" integer NOT NULL,
    "Sales" integer NOT NULL,
    "MinPriceFen" bigint,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_StoreSearchDocs" PRIMARY KEY ("LatRow", "Longitude", "StoreId")
);

-- The titles as written, read only for the page shown, so the scanned rows stay narrow.
CREATE TABLE "StoreSearchTitles" (
    "StoreId" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "Titles" text NOT NULL,
    CONSTRAINT "PK_StoreSearchTitles" PRIMARY KEY ("StoreId")
);

CREATE INDEX "IX_StoreSearchDocs_MerchantId" ON "StoreSearchDocs" ("MerchantId");
CREATE INDEX "IX_StoreSearchDocs_SearchText" ON "StoreSearchDocs" USING gin ("SearchText" gin_trgm_ops);
CREATE UNIQUE INDEX "IX_StoreSearchDocs_StoreId" ON "StoreSearchDocs" ("StoreId");
CREATE INDEX "IX_StoreSearchTitles_MerchantId" ON "StoreSearchTitles" ("MerchantId");
