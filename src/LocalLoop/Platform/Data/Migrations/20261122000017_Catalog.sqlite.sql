ALTER TABLE "Products" ADD "LiveRevisionId" TEXT NULL;
ALTER TABLE "Products" ADD "WorkingRevisionId" TEXT NULL;

CREATE TABLE "Brands" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Brands" PRIMARY KEY,
    "NameZh" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "ProductRevisions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProductRevisions" PRIMARY KEY,
    "ProductId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "CategoryCode" TEXT NOT NULL,
    "BrandId" TEXT NULL,
    "Description" TEXT NOT NULL,
    "KindFields" TEXT NOT NULL,
    "Specs" TEXT NOT NULL,
    "RejectionReason" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "SubmittedAt" INTEGER NULL,
    "ReviewedAt" INTEGER NULL
);

CREATE TABLE "SkuItemNumbers" (
    "MerchantId" TEXT NOT NULL,
    "ItemNumber" TEXT NOT NULL,
    "ProductId" TEXT NOT NULL,
    CONSTRAINT "PK_SkuItemNumbers" PRIMARY KEY ("MerchantId", "ItemNumber")
);

CREATE TABLE "Skus" (
    "RevisionId" TEXT NOT NULL,
    "Id" TEXT NOT NULL,
    "ProductId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "SortOrder" INTEGER NOT NULL,
    "Values" TEXT NOT NULL,
    "ItemNumber" TEXT NOT NULL,
    "Barcode" TEXT NULL,
    "PriceFen" INTEGER NOT NULL,
    "CostPriceFen" INTEGER NOT NULL,
    CONSTRAINT "PK_Skus" PRIMARY KEY ("RevisionId", "Id")
);

CREATE TABLE "StoreSkuPrices" (
    "StoreId" TEXT NOT NULL,
    "SkuId" TEXT NOT NULL,
    "ProductId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "PriceFen" INTEGER NOT NULL,
    CONSTRAINT "PK_StoreSkuPrices" PRIMARY KEY ("StoreId", "SkuId")
);

CREATE UNIQUE INDEX "IX_Brands_NameEn" ON "Brands" ("NameEn");

CREATE UNIQUE INDEX "IX_Brands_NameZh" ON "Brands" ("NameZh");

CREATE INDEX "IX_ProductRevisions_CategoryCode" ON "ProductRevisions" ("CategoryCode");

CREATE UNIQUE INDEX "IX_ProductRevisions_ProductId_Number" ON "ProductRevisions" ("ProductId", "Number");

CREATE INDEX "IX_ProductRevisions_Status_SubmittedAt" ON "ProductRevisions" ("Status", "SubmittedAt");

CREATE INDEX "IX_SkuItemNumbers_ProductId" ON "SkuItemNumbers" ("ProductId");

CREATE INDEX "IX_Skus_ProductId" ON "Skus" ("ProductId");

CREATE INDEX "IX_StoreSkuPrices_ProductId" ON "StoreSkuPrices" ("ProductId");
