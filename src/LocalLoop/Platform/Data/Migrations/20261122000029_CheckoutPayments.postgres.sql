-- Paying a whole checkout with wallet + gateway (decision 0029): one row per attempt, holding the wallet part until
-- the gateway part is notified; the per-order payments it creates point back to it.
CREATE TABLE "CheckoutPayments" (
    "Id" uuid NOT NULL,
    "CheckoutId" uuid NOT NULL,
    "ConsumerId" uuid NOT NULL,
    "OrderIds" character varying(2000) NOT NULL,
    "TotalFen" bigint NOT NULL,
    "WalletFen" bigint NOT NULL,
    "GatewayFen" bigint NOT NULL,
    "State" character varying(32) NOT NULL,
    "TradeNo" character varying(64) NOT NULL,
    "GatewayTransactionId" character varying(64),
    "CreatedAt" timestamp with time zone NOT NULL,
    "EndedAt" timestamp with time zone,
    CONSTRAINT "PK_CheckoutPayments" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_CheckoutPayments_CheckoutId_State" ON "CheckoutPayments" ("CheckoutId", "State");
CREATE UNIQUE INDEX "IX_CheckoutPayments_TradeNo" ON "CheckoutPayments" ("TradeNo");

ALTER TABLE "Payments" ADD COLUMN "CheckoutPaymentId" uuid;
CREATE INDEX "IX_Payments_CheckoutPaymentId" ON "Payments" ("CheckoutPaymentId");
