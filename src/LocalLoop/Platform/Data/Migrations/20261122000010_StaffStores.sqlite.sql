CREATE TABLE "StaffStores" (
    "UserId" TEXT NOT NULL,
    "StoreId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "AssignedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_StaffStores" PRIMARY KEY ("UserId", "StoreId")
);

CREATE INDEX "IX_StaffStores_MerchantId" ON "StaffStores" ("MerchantId");
