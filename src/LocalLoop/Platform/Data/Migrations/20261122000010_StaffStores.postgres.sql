CREATE TABLE "StaffStores" (
    "UserId" uuid NOT NULL,
    "StoreId" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "AssignedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_StaffStores" PRIMARY KEY ("UserId", "StoreId")
);

CREATE INDEX "IX_StaffStores_MerchantId" ON "StaffStores" ("MerchantId");
