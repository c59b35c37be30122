ALTER TABLE "VerificationAttempts" ADD "ReversedAt" INTEGER NULL;
ALTER TABLE "VerificationAttempts" ADD "ReversedByUserId" TEXT NULL;
ALTER TABLE "VerificationAttempts" ADD "ReversalReason" TEXT NULL;
ALTER TABLE "Vouchers" ADD "ReviewedAt" INTEGER NULL;
