ALTER TABLE "VerificationAttempts" ADD "OutcomeZh" TEXT NULL;
