-- Line orders (decision 0025): kinds, channels, checkouts, addresses, cash on delivery, refunds so far; order lines with
-- snapshotted prices; the cart.
ALTER TABLE "Merchants" ADD COLUMN "AllowsCashOnDelivery" boolean NOT NULL DEFAULT FALSE;
ALTER TABLE "Orders" ALTER COLUMN "DealId" DROP NOT NULL;
ALTER TABLE "Orders" ADD COLUMN "Kind" character varying(32) NOT NULL DEFAULT 'DealVoucher';
ALTER TABLE "Orders" ADD COLUMN "Channel" character varying(32) NOT NULL DEFAULT 'Web';
ALTER TABLE "Orders" ALTER COLUMN "Kind" DROP DEFAULT;
ALTER TABLE "Orders" ALTER COLUMN "Channel" DROP DEFAULT;
ALTER TABLE "Orders" ADD COLUMN "CheckoutId" uuid;
ALTER TABLE "Orders" ADD COLUMN "RefundedFen" bigint NOT NULL DEFAULT 0;
ALTER TABLE "Orders" ADD COLUMN "StoreId" uuid;
ALTER TABLE "Orders" ADD COLUMN "RecipientName" character varying(50);
ALTER TABLE "Orders" ADD COLUMN "RecipientPhone" character varying(30);
ALTER TABLE "Orders" ADD COLUMN "DeliveryAddress" character varying(200);
ALTER TABLE "Orders" ADD COLUMN "CashOnDelivery" boolean NOT NULL DEFAULT FALSE;
ALTER TABLE "Orders" ADD COLUMN "CompletedAt" timestamp with time zone;
DROP INDEX "IX_Orders_MerchantId";
CREATE INDEX "IX_Orders_CheckoutId" ON "Orders" ("CheckoutId");
CREATE INDEX "IX_Orders_MerchantId_State_CreatedAt" ON "Orders" ("MerchantId", "State", "CreatedAt");

CREATE TABLE "OrderLines" (
    "OrderId" uuid NOT NULL,
    "LineNumber" integer NOT NULL,
    "ProductId" uuid NOT NULL,
    "SkuId" uuid NOT NULL,
    "Title" character varying(100) NOT NULL,
    "Spec" character varying(100) NOT NULL,
    "Quantity" integer NOT NULL,
    "UnitPriceFen" bigint NOT NULL,
    "DiscountFen" bigint NOT NULL,
    "AmountFen" bigint NOT NULL,
    "CommissionRateBasisPoints" integer NOT NULL,
    "LocationId" uuid,
    "RefundedFen" bigint NOT NULL,
    CONSTRAINT "PK_OrderLines" PRIMARY KEY ("OrderId", "LineNumber"),
    CONSTRAINT "FK_OrderLines_Orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES "Orders" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CartItems" (
    "ConsumerId" uuid NOT NULL,
    "SkuId" uuid NOT NULL,
    "ProductId" uuid NOT NULL,
    "Quantity" integer NOT NULL,
    "AddedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CartItems" PRIMARY KEY ("ConsumerId", "SkuId")
);
