CREATE TABLE "Reviews" (
    "Id" uuid NOT NULL,
    "VoucherId" uuid NOT NULL,
    "ConsumerId" uuid NOT NULL,
    "ConsumerName" character varying(100) NOT NULL,
    "MerchantId" uuid NOT NULL,
    "StoreId" uuid NOT NULL,
    "DealId" uuid NOT NULL,
    "Rating" integer NOT NULL,
    "Text" character varying(1000) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Reviews" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_Reviews_DealId" ON "Reviews" ("DealId");

CREATE INDEX "IX_Reviews_StoreId" ON "Reviews" ("StoreId");

CREATE UNIQUE INDEX "IX_Reviews_VoucherId" ON "Reviews" ("VoucherId");
