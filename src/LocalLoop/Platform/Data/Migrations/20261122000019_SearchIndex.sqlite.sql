-- Nearby search reads one row per store, clustered by latitude band and longitude (WITHOUT ROWID: the primary key is
-- the table's order), so a radius query reads a few contiguous runs. SearchIndex fills it; the app rebuilds it at
-- start when it is empty.
CREATE TABLE "StoreSearchDocs" (
    "StoreId" TEXT NOT NULL,
    "LatRow" INTEGER NOT NULL,
    "Longitude" REAL NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "Latitude" REAL NOT NULL,
    "StoreName" TEXT NOT NULL,
    "MerchantName" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "CategoryCodes" TEXT NOT NULL,
    "SearchText" TEXT NOT NULL,
    "Hours" TEXT NOT NULL,
    "AverageRating" REAL NULL,
    "ReviewCount" INTEGER NOT NULL,
    "Sales" INTEGER NOT NULL,
    "MinPriceFen" INTEGER NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_StoreSearchDocs" PRIMARY KEY ("LatRow", "Longitude", "StoreId")
) WITHOUT ROWID;

-- The titles as written, read only for the page shown, so the scanned rows stay narrow.
CREATE TABLE "StoreSearchTitles" (
    "StoreId" TEXT NOT NULL CONSTRAINT "PK_StoreSearchTitles" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "Titles" TEXT NOT NULL
);

CREATE INDEX "IX_StoreSearchDocs_MerchantId" ON "StoreSearchDocs" ("MerchantId");
CREATE UNIQUE INDEX "IX_StoreSearchDocs_StoreId" ON "StoreSearchDocs" ("StoreId");
CREATE INDEX "IX_StoreSearchTitles_MerchantId" ON "StoreSearchTitles" ("MerchantId");
