ALTER TABLE "Products" ADD "LiveRevisionId" uuid;
ALTER TABLE "Products" ADD "WorkingRevisionId" uuid;

CREATE TABLE "Brands" (
    "Id" uuid NOT NULL,
    "NameZh" character varying(50) NOT NULL,
    "NameEn" character varying(50) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Brands" PRIMARY KEY ("Id")
);

CREATE TABLE "ProductRevisions" (
    "Id" uuid NOT NULL,
    "ProductId" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "Number" integer NOT NULL,
    "Status" character varying(32) NOT NULL,
    "Title" character varying(100) NOT NULL,
    "CategoryCode" character varying(64) NOT NULL,
    "BrandId" uuid,
    "Description" character varying(2000) NOT NULL,
    "KindFields" character varying(4000) NOT NULL,
    "Specs" character varying(2000) NOT NULL,
    "RejectionReason" character varying(500),
    "CreatedAt" timestamp with time zone NOT NULL,
    "SubmittedAt" timestamp with time zone,
    "ReviewedAt" timestamp with time zone,
    CONSTRAINT "PK_ProductRevisions" PRIMARY KEY ("Id")
);

CREATE TABLE "SkuItemNumbers" (
    "MerchantId" uuid NOT NULL,
    "ItemNumber" character varying(40) NOT NULL,
    "ProductId" uuid NOT NULL,
    CONSTRAINT "PK_SkuItemNumbers" PRIMARY KEY ("MerchantId", "ItemNumber")
);

CREATE TABLE "Skus" (
    "RevisionId" uuid NOT NULL,
    "Id" uuid NOT NULL,
    "ProductId" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "SortOrder" integer NOT NULL,
    "Values" character varying(400) NOT NULL,
    "ItemNumber" character varying(40) NOT NULL,
    "Barcode" character varying(13),
    "PriceFen" bigint NOT NULL,
    "CostPriceFen" bigint NOT NULL,
    CONSTRAINT "PK_Skus" PRIMARY KEY ("RevisionId", "Id")
);

CREATE TABLE "StoreSkuPrices" (
    "StoreId" uuid NOT NULL,
    "SkuId" uuid NOT NULL,
    "ProductId" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "PriceFen" bigint NOT NULL,
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
