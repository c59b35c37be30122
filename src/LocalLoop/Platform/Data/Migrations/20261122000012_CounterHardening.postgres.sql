ALTER TABLE "VerificationAttempts" ADD "OutcomeZh" character varying(200);
