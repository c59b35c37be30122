ALTER TABLE "VerificationAttempts" ADD "ExternalPlatform" character varying(32);

CREATE TABLE "ExternalConsumptions" (
    "Id" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "Platform" character varying(32) NOT NULL,
    "Code" character varying(40) NOT NULL,
    "RequestId" character varying(64) NOT NULL,
    "RemoteConsumptionId" character varying(64),
    "Title" character varying(100) NOT NULL,
    "FaceValueFen" bigint NOT NULL,
    "SettlementFen" bigint NOT NULL,
    "StoreId" uuid NOT NULL,
    "ClerkUserId" uuid NOT NULL,
    "State" character varying(32) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ConsumedAt" timestamp with time zone,
    "AttemptId" uuid,
    "ReversedAt" timestamp with time zone,
    "ReversedByUserId" uuid,
    "ReversalReason" character varying(200),
    CONSTRAINT "PK_ExternalConsumptions" PRIMARY KEY ("Id")
);

CREATE TABLE "ExternalPlatformBindings" (
    "Id" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "Platform" character varying(32) NOT NULL,
    "ShopId" character varying(64) NOT NULL,
    "ProtectedSecret" character varying(1000) NOT NULL,
    "BoundAt" timestamp with time zone NOT NULL,
    "BoundByUserId" uuid NOT NULL,
    CONSTRAINT "PK_ExternalPlatformBindings" PRIMARY KEY ("Id")
);

CREATE TABLE "SandboxPlatformCodes" (
    "Code" character varying(16) NOT NULL,
    "ShopId" character varying(32) NOT NULL,
    "Title" character varying(100) NOT NULL,
    "FaceValueFen" bigint NOT NULL,
    "SettlementFen" bigint NOT NULL,
    "State" character varying(32) NOT NULL,
    "ValidFrom" timestamp with time zone NOT NULL,
    "ValidUntil" timestamp with time zone NOT NULL,
    "SoldAt" timestamp with time zone NOT NULL,
    "ConsumedAt" timestamp with time zone,
    "ConsumptionId" character varying(32),
    "Fault" character varying(32),
    CONSTRAINT "PK_SandboxPlatformCodes" PRIMARY KEY ("Code")
);

CREATE TABLE "SandboxPlatformConsumptions" (
    "ConsumptionId" character varying(32) NOT NULL,
    "ShopId" character varying(32) NOT NULL,
    "RequestId" character varying(64) NOT NULL,
    "Code" character varying(16) NOT NULL,
    "StoreRef" character varying(64) NOT NULL,
    "SettlementFen" bigint NOT NULL,
    "ConsumedAt" timestamp with time zone NOT NULL,
    "ReversedAt" timestamp with time zone,
    CONSTRAINT "PK_SandboxPlatformConsumptions" PRIMARY KEY ("ConsumptionId")
);

CREATE TABLE "SandboxPlatformNonces" (
    "ShopId" character varying(32) NOT NULL,
    "Nonce" character varying(64) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SandboxPlatformNonces" PRIMARY KEY ("ShopId", "Nonce")
);

CREATE TABLE "SandboxPlatformShops" (
    "ShopId" character varying(32) NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Secret" character varying(100) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SandboxPlatformShops" PRIMARY KEY ("ShopId")
);

CREATE INDEX "IX_ExternalConsumptions_MerchantId_Platform_Code" ON "ExternalConsumptions" ("MerchantId", "Platform", "Code");

CREATE INDEX "IX_ExternalConsumptions_MerchantId_State_ConsumedAt" ON "ExternalConsumptions" ("MerchantId", "State", "ConsumedAt");

CREATE UNIQUE INDEX "IX_ExternalConsumptions_RequestId" ON "ExternalConsumptions" ("RequestId");

CREATE UNIQUE INDEX "IX_ExternalPlatformBindings_MerchantId_Platform" ON "ExternalPlatformBindings" ("MerchantId", "Platform");

CREATE UNIQUE INDEX "IX_ExternalPlatformBindings_Platform_ShopId" ON "ExternalPlatformBindings" ("Platform", "ShopId");

CREATE INDEX "IX_SandboxPlatformCodes_ShopId" ON "SandboxPlatformCodes" ("ShopId");

CREATE UNIQUE INDEX "IX_SandboxPlatformConsumptions_ShopId_RequestId" ON "SandboxPlatformConsumptions" ("ShopId", "RequestId");

CREATE INDEX "IX_SandboxPlatformNonces_At" ON "SandboxPlatformNonces" ("At");
