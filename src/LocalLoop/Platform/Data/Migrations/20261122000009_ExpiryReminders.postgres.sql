ALTER TABLE "Vouchers" ADD "ExpiryReminderId" uuid;

CREATE TABLE "OutboundMessages" (
    "Id" uuid NOT NULL,
    "UserId" uuid,
    "Channel" character varying(32) NOT NULL,
    "To" character varying(256) NOT NULL,
    "Template" character varying(50) NOT NULL,
    "Subject" character varying(200) NOT NULL,
    "Body" character varying(2000) NOT NULL,
    "Status" character varying(32) NOT NULL,
    "Attempts" integer NOT NULL,
    "NextAttemptAt" timestamp with time zone NOT NULL,
    "LockedUntil" timestamp with time zone,
    "LastError" character varying(500),
    "ProviderMessageId" character varying(300),
    "CreatedAt" timestamp with time zone NOT NULL,
    "SentAt" timestamp with time zone,
    CONSTRAINT "PK_OutboundMessages" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_OutboundMessages_CreatedAt" ON "OutboundMessages" ("CreatedAt");
CREATE INDEX "IX_OutboundMessages_Status_NextAttemptAt" ON "OutboundMessages" ("Status", "NextAttemptAt");

CREATE TABLE "MessagingPreferences" (
    "UserId" uuid NOT NULL,
    "SmsReminders" boolean NOT NULL,
    "EmailReminders" boolean NOT NULL,
    CONSTRAINT "PK_MessagingPreferences" PRIMARY KEY ("UserId")
);

CREATE TABLE "SandboxMessages" (
    "Id" character varying(64) NOT NULL,
    "ClientMessageId" uuid NOT NULL,
    "Channel" character varying(32) NOT NULL,
    "To" character varying(256) NOT NULL,
    "Subject" character varying(200) NOT NULL,
    "Text" character varying(2000) NOT NULL,
    "ReceivedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SandboxMessages" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_SandboxMessages_ClientMessageId" ON "SandboxMessages" ("ClientMessageId");
