ALTER TABLE "VerificationAttempts" ADD "ExternalPlatform" TEXT NULL;

CREATE TABLE "ExternalConsumptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ExternalConsumptions" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "Platform" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "RequestId" TEXT NOT NULL,
    "RemoteConsumptionId" TEXT NULL,
    "Title" TEXT NOT NULL,
    "FaceValueFen" INTEGER NOT NULL,
    "SettlementFen" INTEGER NOT NULL,
    "StoreId" TEXT NOT NULL,
    "ClerkUserId" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ConsumedAt" INTEGER NULL,
    "AttemptId" TEXT NULL,
    "ReversedAt" INTEGER NULL,
    "ReversedByUserId" TEXT NULL,
    "ReversalReason" TEXT NULL
);

CREATE TABLE "ExternalPlatformBindings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ExternalPlatformBindings" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "Platform" TEXT NOT NULL,
    "ShopId" TEXT NOT NULL,
    "ProtectedSecret" TEXT NOT NULL,
    "BoundAt" INTEGER NOT NULL,
    "BoundByUserId" TEXT NOT NULL
);

CREATE TABLE "SandboxPlatformCodes" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_SandboxPlatformCodes" PRIMARY KEY,
    "ShopId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "FaceValueFen" INTEGER NOT NULL,
    "SettlementFen" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "ValidFrom" INTEGER NOT NULL,
    "ValidUntil" INTEGER NOT NULL,
    "SoldAt" INTEGER NOT NULL,
    "ConsumedAt" INTEGER NULL,
    "ConsumptionId" TEXT NULL,
    "Fault" TEXT NULL
);

CREATE TABLE "SandboxPlatformConsumptions" (
    "ConsumptionId" TEXT NOT NULL CONSTRAINT "PK_SandboxPlatformConsumptions" PRIMARY KEY,
    "ShopId" TEXT NOT NULL,
    "RequestId" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "StoreRef" TEXT NOT NULL,
    "SettlementFen" INTEGER NOT NULL,
    "ConsumedAt" INTEGER NOT NULL,
    "ReversedAt" INTEGER NULL
);

CREATE TABLE "SandboxPlatformNonces" (
    "ShopId" TEXT NOT NULL,
    "Nonce" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "PK_SandboxPlatformNonces" PRIMARY KEY ("ShopId", "Nonce")
);

CREATE TABLE "SandboxPlatformShops" (
    "ShopId" TEXT NOT NULL CONSTRAINT "PK_SandboxPlatformShops" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Secret" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_ExternalConsumptions_MerchantId_Platform_Code" ON "ExternalConsumptions" ("MerchantId", "Platform", "Code");

CREATE INDEX "IX_ExternalConsumptions_MerchantId_State_ConsumedAt" ON "ExternalConsumptions" ("MerchantId", "State", "ConsumedAt");

CREATE UNIQUE INDEX "IX_ExternalConsumptions_RequestId" ON "ExternalConsumptions" ("RequestId");

CREATE UNIQUE INDEX "IX_ExternalPlatformBindings_MerchantId_Platform" ON "ExternalPlatformBindings" ("MerchantId", "Platform");

CREATE UNIQUE INDEX "IX_ExternalPlatformBindings_Platform_ShopId" ON "ExternalPlatformBindings" ("Platform", "ShopId");

CREATE INDEX "IX_SandboxPlatformCodes_ShopId" ON "SandboxPlatformCodes" ("ShopId");

CREATE UNIQUE INDEX "IX_SandboxPlatformConsumptions_ShopId_RequestId" ON "SandboxPlatformConsumptions" ("ShopId", "RequestId");

CREATE INDEX "IX_SandboxPlatformNonces_At" ON "SandboxPlatformNonces" ("At");
