-- Refunds of line orders and after-sales (decision 0028): a refund row refunds a voucher or part of an order, so
-- VoucherId becomes optional (SQLite can only do that by rebuilding the table) and OrderId is added; return and
-- exchange requests with their dispute.
CREATE TABLE "Refunds_new" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Refunds" PRIMARY KEY,
    "PaymentId" TEXT NOT NULL,
    "VoucherId" TEXT NULL,
    "OrderId" TEXT NULL,
    "ConsumerId" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "AmountFen" INTEGER NOT NULL,
    "GatewayRefundId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL
);

INSERT INTO "Refunds_new" ("Id", "PaymentId", "VoucherId", "OrderId", "ConsumerId", "Method", "AmountFen", "GatewayRefundId", "CreatedAt")
SELECT "Id", "PaymentId", "VoucherId", NULL, "ConsumerId", "Method", "AmountFen", "GatewayRefundId", "CreatedAt"
FROM "Refunds";
DROP TABLE "Refunds";
ALTER TABLE "Refunds_new" RENAME TO "Refunds";
CREATE UNIQUE INDEX "IX_Refunds_VoucherId" ON "Refunds" ("VoucherId");
CREATE INDEX "IX_Refunds_OrderId" ON "Refunds" ("OrderId");

CREATE TABLE "AfterSalesRequests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AfterSalesRequests" PRIMARY KEY,
    "OrderId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "ConsumerId" TEXT NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "PhotoUrl" TEXT NULL,
    "MerchantNote" TEXT NULL,
    "ReturnTrackingNumber" TEXT NULL,
    "DisputeReason" TEXT NULL,
    "OperatorNote" TEXT NULL,
    "RefundedFen" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_AfterSalesRequests_MerchantId_State_CreatedAt" ON "AfterSalesRequests" ("MerchantId", "State", "CreatedAt");
CREATE INDEX "IX_AfterSalesRequests_OrderId" ON "AfterSalesRequests" ("OrderId");
CREATE INDEX "IX_AfterSalesRequests_State_CreatedAt" ON "AfterSalesRequests" ("State", "CreatedAt");
