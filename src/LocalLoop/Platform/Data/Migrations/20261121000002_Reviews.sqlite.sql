CREATE TABLE "Reviews" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Reviews" PRIMARY KEY,
    "VoucherId" TEXT NOT NULL,
    "ConsumerId" TEXT NOT NULL,
    "ConsumerName" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "StoreId" TEXT NOT NULL,
    "DealId" TEXT NOT NULL,
    "Rating" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_Reviews_DealId" ON "Reviews" ("DealId");

CREATE INDEX "IX_Reviews_StoreId" ON "Reviews" ("StoreId");

CREATE UNIQUE INDEX "IX_Reviews_VoucherId" ON "Reviews" ("VoucherId");
