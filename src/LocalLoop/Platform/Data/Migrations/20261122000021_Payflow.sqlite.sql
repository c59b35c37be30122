-- Payment flow (decision 0021): wallet top-ups with operators' bonus rules, refunds of gateway payments that arrive
-- for orders that can no longer take them, the sandbox gateway's fault switches, and why an order was cancelled.
CREATE TABLE "TopUpBonusRules" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TopUpBonusRules" PRIMARY KEY,
    "MinAmountFen" INTEGER NOT NULL,
    "BonusFen" INTEGER NOT NULL,
    "StartsAt" INTEGER NULL,
    "EndsAt" INTEGER NULL,
    "Active" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "WalletTopUps" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WalletTopUps" PRIMARY KEY,
    "ConsumerId" TEXT NOT NULL,
    "AmountFen" INTEGER NOT NULL,
    "BonusFen" INTEGER NOT NULL,
    "BonusRuleId" TEXT NULL,
    "State" TEXT NOT NULL,
    "TradeNo" TEXT NOT NULL,
    "GatewayTransactionId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "SucceededAt" INTEGER NULL
);
CREATE INDEX "IX_WalletTopUps_ConsumerId" ON "WalletTopUps" ("ConsumerId");
CREATE UNIQUE INDEX "IX_WalletTopUps_TradeNo" ON "WalletTopUps" ("TradeNo");

CREATE TABLE "LatePaymentRefunds" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LatePaymentRefunds" PRIMARY KEY,
    "PaymentId" TEXT NOT NULL,
    "OrderId" TEXT NOT NULL,
    "ConsumerId" TEXT NOT NULL,
    "AmountFen" INTEGER NOT NULL,
    "GatewayTransactionId" TEXT NOT NULL,
    "GatewayRefundId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_LatePaymentRefunds_PaymentId" ON "LatePaymentRefunds" ("PaymentId");

CREATE TABLE "GatewayFaultSwitches" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_GatewayFaultSwitches" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "AmountFen" INTEGER NULL,
    "SubMerchantId" TEXT NULL,
    "DelaySeconds" INTEGER NOT NULL,
    "RemainingUses" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL
);

ALTER TABLE "SandboxTrades" ADD COLUMN "SubMerchantId" TEXT NULL;
ALTER TABLE "Orders" ADD COLUMN "CancelledAt" INTEGER NULL;
ALTER TABLE "Orders" ADD COLUMN "CancelReason" TEXT NULL;
CREATE INDEX "IX_Orders_State_CreatedAt" ON "Orders" ("State", "CreatedAt");
