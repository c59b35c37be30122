-- Line orders (decision 0025): kinds, channels, checkouts, addresses, cash on delivery, refunds so far; order lines with
-- snapshotted prices; the cart. DealId becomes optional, which SQLite can only do by rebuilding the table.
ALTER TABLE "Merchants" ADD COLUMN "AllowsCashOnDelivery" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "Orders_new" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Orders" PRIMARY KEY,
    "ConsumerId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "CheckoutId" TEXT NULL,
    "DealId" TEXT NULL,
    "DealTitle" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "UnitPriceFen" INTEGER NOT NULL,
    "TotalFen" INTEGER NOT NULL,
    "RefundedFen" INTEGER NOT NULL,
    "CommissionRateBasisPoints" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "StoreId" TEXT NULL,
    "RecipientName" TEXT NULL,
    "RecipientPhone" TEXT NULL,
    "DeliveryAddress" TEXT NULL,
    "CashOnDelivery" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "PaidAt" INTEGER NULL,
    "CompletedAt" INTEGER NULL,
    "CancelledAt" INTEGER NULL,
    "CancelReason" TEXT NULL
);

INSERT INTO "Orders_new" ("Id", "ConsumerId", "MerchantId", "Kind", "Channel", "CheckoutId", "DealId", "DealTitle", "Quantity", "UnitPriceFen",
    "TotalFen", "RefundedFen", "CommissionRateBasisPoints", "State", "StoreId", "RecipientName", "RecipientPhone", "DeliveryAddress",
    "CashOnDelivery", "CreatedAt", "PaidAt", "CompletedAt", "CancelledAt", "CancelReason")
SELECT "Id", "ConsumerId", "MerchantId", 'DealVoucher', 'Web', NULL, "DealId", "DealTitle", "Quantity", "UnitPriceFen",
    "TotalFen", 0, "CommissionRateBasisPoints", "State", NULL, NULL, NULL, NULL,
    0, "CreatedAt", "PaidAt", NULL, "CancelledAt", "CancelReason"
FROM "Orders";
DROP TABLE "Orders";
ALTER TABLE "Orders_new" RENAME TO "Orders";
CREATE INDEX "IX_Orders_CheckoutId" ON "Orders" ("CheckoutId");
CREATE INDEX "IX_Orders_ConsumerId" ON "Orders" ("ConsumerId");
CREATE INDEX "IX_Orders_MerchantId_State_CreatedAt" ON "Orders" ("MerchantId", "State", "CreatedAt");
CREATE INDEX "IX_Orders_State_CreatedAt" ON "Orders" ("State", "CreatedAt");

CREATE TABLE "OrderLines" (
    "OrderId" TEXT NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "ProductId" TEXT NOT NULL,
    "SkuId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Spec" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "UnitPriceFen" INTEGER NOT NULL,
    "DiscountFen" INTEGER NOT NULL,
    "AmountFen" INTEGER NOT NULL,
    "CommissionRateBasisPoints" INTEGER NOT NULL,
    "LocationId" TEXT NULL,
    "RefundedFen" INTEGER NOT NULL,
    CONSTRAINT "PK_OrderLines" PRIMARY KEY ("OrderId", "LineNumber"),
    CONSTRAINT "FK_OrderLines_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CartItems" (
    "ConsumerId" TEXT NOT NULL,
    "SkuId" TEXT NOT NULL,
    "ProductId" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "AddedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_CartItems" PRIMARY KEY ("ConsumerId", "SkuId")
);
