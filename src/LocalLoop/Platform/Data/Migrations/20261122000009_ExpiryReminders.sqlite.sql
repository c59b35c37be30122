ALTER TABLE "Vouchers" ADD "ExpiryReminderId" TEXT NULL;

CREATE TABLE "OutboundMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OutboundMessages" PRIMARY KEY,
    "UserId" TEXT NULL,
    "Channel" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "Template" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "LockedUntil" INTEGER NULL,
    "LastError" TEXT NULL,
    "ProviderMessageId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "SentAt" INTEGER NULL
);
CREATE INDEX "IX_OutboundMessages_CreatedAt" ON "OutboundMessages" ("CreatedAt");
CREATE INDEX "IX_OutboundMessages_Status_NextAttemptAt" ON "OutboundMessages" ("Status", "NextAttemptAt");

CREATE TABLE "MessagingPreferences" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_MessagingPreferences" PRIMARY KEY,
    "SmsReminders" INTEGER NOT NULL,
    "EmailReminders" INTEGER NOT NULL
);

CREATE TABLE "SandboxMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SandboxMessages" PRIMARY KEY,
    "ClientMessageId" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "ReceivedAt" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_SandboxMessages_ClientMessageId" ON "SandboxMessages" ("ClientMessageId");
