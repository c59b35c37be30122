-- Refunds of line orders and after-sales (decision 0028): a refund row refunds a voucher or part of an order, so
-- VoucherId becomes optional and OrderId is added; return and exchange requests with their dispute.
ALTER TABLE "Refunds" ALTER COLUMN "VoucherId" DROP NOT NULL;
ALTER TABLE "Refunds" ADD "OrderId" uuid;
CREATE INDEX "IX_Refunds_OrderId" ON "Refunds" ("OrderId");

CREATE TABLE "AfterSalesRequests" (
    "Id" uuid NOT NULL,
    "OrderId" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "ConsumerId" uuid NOT NULL,
    "LineNumber" integer NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "Quantity" integer NOT NULL,
    "State" character varying(32) NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "PhotoUrl" character varying(500),
    "MerchantNote" character varying(500),
    "ReturnTrackingNumber" character varying(64),
    "DisputeReason" character varying(500),
    "OperatorNote" character varying(500),
    "RefundedFen" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AfterSalesRequests" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_AfterSalesRequests_MerchantId_State_CreatedAt" ON "AfterSalesRequests" ("MerchantId", "State", "CreatedAt");
CREATE INDEX "IX_AfterSalesRequests_OrderId" ON "AfterSalesRequests" ("OrderId");
CREATE INDEX "IX_AfterSalesRequests_State_CreatedAt" ON "AfterSalesRequests" ("State", "CreatedAt");
