-- Paying a whole checkout with wallet + gateway (decision 0029): one row per attempt, holding the wallet part until
-- the gateway part is notified; the per-order payments it creates point back to it.
CREATE TABLE "CheckoutPayments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CheckoutPayments" PRIMARY KEY,
    "CheckoutId" TEXT NOT NULL,
    "ConsumerId" TEXT NOT NULL,
    "OrderIds" TEXT NOT NULL,
    "TotalFen" INTEGER NOT NULL,
    "WalletFen" INTEGER NOT NULL,
    "GatewayFen" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "TradeNo" TEXT NOT NULL,
    "GatewayTransactionId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "EndedAt" INTEGER NULL
);
CREATE INDEX "IX_CheckoutPayments_CheckoutId_State" ON "CheckoutPayments" ("CheckoutId", "State");
CREATE UNIQUE INDEX "IX_CheckoutPayments_TradeNo" ON "CheckoutPayments" ("TradeNo");

ALTER TABLE "Payments" ADD COLUMN "CheckoutPaymentId" TEXT NULL;
CREATE INDEX "IX_Payments_CheckoutPaymentId" ON "Payments" ("CheckoutPaymentId");
