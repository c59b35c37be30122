CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "MerchantId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "Deals" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Deals" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Contents" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "PriceFen" INTEGER NOT NULL,
    "OriginalPriceFen" INTEGER NOT NULL,
    "ValidityDays" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "RejectionReason" TEXT NULL,
    "SoldCount" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "GatewayNotifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_GatewayNotifications" PRIMARY KEY,
    "Body" TEXT NOT NULL,
    "Signature" TEXT NULL,
    "Outcome" TEXT NOT NULL,
    "Accepted" INTEGER NOT NULL,
    "ReceivedAt" INTEGER NOT NULL
);

CREATE TABLE "IdempotencyRecords" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_IdempotencyRecords" PRIMARY KEY,
    "RequestHash" TEXT NOT NULL,
    "StatusCode" INTEGER NOT NULL,
    "ResponseBody" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "LedgerEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LedgerEntries" PRIMARY KEY AUTOINCREMENT,
    "TransactionId" TEXT NOT NULL,
    "Account" TEXT NOT NULL,
    "AmountFen" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "ReferenceId" TEXT NULL,
    "At" INTEGER NOT NULL
);

CREATE TABLE "MerchantApplications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MerchantApplications" PRIMARY KEY,
    "ApplicantUserId" TEXT NOT NULL,
    "BusinessName" TEXT NOT NULL,
    "LicenseNumber" TEXT NOT NULL,
    "ContactName" TEXT NOT NULL,
    "ContactPhone" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "RejectionReason" TEXT NULL,
    "SubmittedAt" INTEGER NOT NULL,
    "ReviewedAt" INTEGER NULL,
    "ReviewedByUserId" TEXT NULL,
    "MerchantId" TEXT NULL
);

CREATE TABLE "Merchants" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Merchants" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "OwnerUserId" TEXT NOT NULL,
    "CommissionRateBasisPoints" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "Notifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "Orders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Orders" PRIMARY KEY,
    "ConsumerId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "DealId" TEXT NOT NULL,
    "DealTitle" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "UnitPriceFen" INTEGER NOT NULL,
    "TotalFen" INTEGER NOT NULL,
    "CommissionRateBasisPoints" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "PaidAt" INTEGER NULL
);

CREATE TABLE "OutboxMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY,
    "Type" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "OccurredAt" INTEGER NOT NULL,
    "DispatchedAt" INTEGER NULL,
    "LockedUntil" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);

CREATE TABLE "Payments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Payments" PRIMARY KEY,
    "OrderId" TEXT NOT NULL,
    "ConsumerId" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "AmountFen" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "TradeNo" TEXT NOT NULL,
    "GatewayTransactionId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "SucceededAt" INTEGER NULL
);

CREATE TABLE "Refunds" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Refunds" PRIMARY KEY,
    "PaymentId" TEXT NOT NULL,
    "VoucherId" TEXT NOT NULL,
    "ConsumerId" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "AmountFen" INTEGER NOT NULL,
    "GatewayRefundId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "SandboxRefunds" (
    "RefundId" TEXT NOT NULL CONSTRAINT "PK_SandboxRefunds" PRIMARY KEY,
    "TransactionId" TEXT NOT NULL,
    "AmountFen" INTEGER NOT NULL
);

CREATE TABLE "SandboxTrades" (
    "TransactionId" TEXT NOT NULL CONSTRAINT "PK_SandboxTrades" PRIMARY KEY,
    "MerchantTradeNo" TEXT NOT NULL,
    "AmountFen" INTEGER NOT NULL,
    "RefundedFen" INTEGER NOT NULL,
    "Subject" TEXT NOT NULL,
    "NotifyUrl" TEXT NOT NULL,
    "ReturnUrl" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "PaidAt" INTEGER NULL,
    "NotifyAttempts" INTEGER NOT NULL,
    "NotifiedAt" INTEGER NULL,
    "NextNotifyAt" INTEGER NULL
);

CREATE TABLE "Stores" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Stores" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "City" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "Latitude" REAL NOT NULL,
    "Longitude" REAL NOT NULL,
    "Phone" TEXT NOT NULL,
    "OpensAt" TEXT NOT NULL,
    "ClosesAt" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "VerificationAttempts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_VerificationAttempts" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "ClerkUserId" TEXT NOT NULL,
    "StoreId" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "VoucherId" TEXT NULL,
    "Succeeded" INTEGER NOT NULL,
    "Outcome" TEXT NOT NULL,
    "At" INTEGER NOT NULL
);

CREATE TABLE "Vouchers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Vouchers" PRIMARY KEY,
    "Code" TEXT NOT NULL,
    "OrderId" TEXT NOT NULL,
    "ConsumerId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "DealId" TEXT NOT NULL,
    "DealTitle" TEXT NOT NULL,
    "ValueFen" INTEGER NOT NULL,
    "CommissionRateBasisPoints" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "IssuedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "VerifiedAt" INTEGER NULL,
    "VerifiedByUserId" TEXT NULL,
    "VerifiedAtStoreId" TEXT NULL,
    "RefundedAt" INTEGER NULL,
    "CommissionFen" INTEGER NULL
);

CREATE TABLE "Wallets" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_Wallets" PRIMARY KEY,
    "BalanceFen" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DealStores" (
    "DealId" TEXT NOT NULL,
    "StoreId" TEXT NOT NULL,
    CONSTRAINT "PK_DealStores" PRIMARY KEY ("DealId", "StoreId"),
    CONSTRAINT "FK_DealStores_Deals_DealId" FOREIGN KEY ("DealId") REFERENCES "Deals" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE INDEX "IX_AspNetUsers_MerchantId" ON "AspNetUsers" ("MerchantId");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_Deals_MerchantId_Status" ON "Deals" ("MerchantId", "Status");

CREATE INDEX "IX_Deals_Status_Category" ON "Deals" ("Status", "Category");

CREATE INDEX "IX_DealStores_StoreId" ON "DealStores" ("StoreId");

CREATE INDEX "IX_LedgerEntries_Account" ON "LedgerEntries" ("Account");

CREATE INDEX "IX_LedgerEntries_TransactionId" ON "LedgerEntries" ("TransactionId");

CREATE INDEX "IX_MerchantApplications_ApplicantUserId" ON "MerchantApplications" ("ApplicantUserId");

CREATE INDEX "IX_MerchantApplications_Status_SubmittedAt" ON "MerchantApplications" ("Status", "SubmittedAt");

CREATE INDEX "IX_Notifications_UserId" ON "Notifications" ("UserId");

CREATE INDEX "IX_Orders_ConsumerId" ON "Orders" ("ConsumerId");

CREATE INDEX "IX_Orders_MerchantId" ON "Orders" ("MerchantId");

CREATE INDEX "IX_OutboxMessages_DispatchedAt" ON "OutboxMessages" ("DispatchedAt");

CREATE INDEX "IX_Payments_OrderId" ON "Payments" ("OrderId");

CREATE UNIQUE INDEX "IX_Payments_TradeNo" ON "Payments" ("TradeNo");

CREATE UNIQUE INDEX "IX_Refunds_VoucherId" ON "Refunds" ("VoucherId");

CREATE UNIQUE INDEX "IX_SandboxTrades_MerchantTradeNo" ON "SandboxTrades" ("MerchantTradeNo");

CREATE INDEX "IX_Stores_Latitude_Longitude" ON "Stores" ("Latitude", "Longitude");

CREATE INDEX "IX_Stores_MerchantId" ON "Stores" ("MerchantId");

CREATE INDEX "IX_VerificationAttempts_ClerkUserId_At" ON "VerificationAttempts" ("ClerkUserId", "At");

CREATE INDEX "IX_VerificationAttempts_MerchantId_At" ON "VerificationAttempts" ("MerchantId", "At");

CREATE UNIQUE INDEX "IX_Vouchers_Code" ON "Vouchers" ("Code");

CREATE INDEX "IX_Vouchers_ConsumerId" ON "Vouchers" ("ConsumerId");

CREATE INDEX "IX_Vouchers_MerchantId_State" ON "Vouchers" ("MerchantId", "State");

CREATE INDEX "IX_Vouchers_OrderId" ON "Vouchers" ("OrderId");
