-- Payment flow (decision 0021): wallet top-ups with operators' bonus rules, refunds of gateway payments that arrive
-- for orders that can no longer take them, the sandbox gateway's fault switches, and why an order was cancelled.
CREATE TABLE "TopUpBonusRules" (
    "Id" uuid NOT NULL,
    "MinAmountFen" bigint NOT NULL,
    "BonusFen" bigint NOT NULL,
    "StartsAt" timestamp with time zone,
    "EndsAt" timestamp with time zone,
    "Active" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_TopUpBonusRules" PRIMARY KEY ("Id")
);

CREATE TABLE "WalletTopUps" (
    "Id" uuid NOT NULL,
    "ConsumerId" uuid NOT NULL,
    "AmountFen" bigint NOT NULL,
    "BonusFen" bigint NOT NULL,
    "BonusRuleId" uuid,
    "State" character varying(32) NOT NULL,
    "TradeNo" character varying(64) NOT NULL,
    "GatewayTransactionId" character varying(64),
    "CreatedAt" timestamp with time zone NOT NULL,
    "SucceededAt" timestamp with time zone,
    CONSTRAINT "PK_WalletTopUps" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_WalletTopUps_ConsumerId" ON "WalletTopUps" ("ConsumerId");
CREATE UNIQUE INDEX "IX_WalletTopUps_TradeNo" ON "WalletTopUps" ("TradeNo");

CREATE TABLE "LatePaymentRefunds" (
    "Id" uuid NOT NULL,
    "PaymentId" uuid NOT NULL,
    "OrderId" uuid NOT NULL,
    "ConsumerId" uuid NOT NULL,
    "AmountFen" bigint NOT NULL,
    "GatewayTransactionId" character varying(64) NOT NULL,
    "GatewayRefundId" character varying(64),
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_LatePaymentRefunds" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_LatePaymentRefunds_PaymentId" ON "LatePaymentRefunds" ("PaymentId");

CREATE TABLE "GatewayFaultSwitches" (
    "Id" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "AmountFen" bigint,
    "SubMerchantId" character varying(64),
    "DelaySeconds" integer NOT NULL,
    "RemainingUses" integer,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_GatewayFaultSwitches" PRIMARY KEY ("Id")
);

ALTER TABLE "SandboxTrades" ADD COLUMN "SubMerchantId" character varying(64);
ALTER TABLE "Orders" ADD COLUMN "CancelledAt" timestamp with time zone;
ALTER TABLE "Orders" ADD COLUMN "CancelReason" character varying(32);
CREATE INDEX "IX_Orders_State_CreatedAt" ON "Orders" ("State", "CreatedAt");
