ALTER TABLE "VerificationAttempts" ADD "ReversedAt" timestamp with time zone;
ALTER TABLE "VerificationAttempts" ADD "ReversedByUserId" uuid;
ALTER TABLE "VerificationAttempts" ADD "ReversalReason" character varying(200);
ALTER TABLE "Vouchers" ADD "ReviewedAt" timestamp with time zone;
