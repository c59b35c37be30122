ALTER TABLE "Deals" ADD "UsesPerVoucher" integer NOT NULL DEFAULT 1;
ALTER TABLE "Vouchers" ADD "TotalUses" integer NOT NULL DEFAULT 1;
ALTER TABLE "Vouchers" ADD "UsesLeft" integer NOT NULL DEFAULT 1;
ALTER TABLE "Vouchers" ADD "UsedValueFen" bigint NOT NULL DEFAULT 0;
UPDATE "Vouchers" SET "UsesLeft" = 0, "UsedValueFen" = "ValueFen" WHERE "State" = 'Verified';
ALTER TABLE "VerificationAttempts" ADD "ValueFen" bigint;
ALTER TABLE "VerificationAttempts" ADD "CommissionFen" bigint;
UPDATE "VerificationAttempts" SET
    "ValueFen" = (SELECT v."ValueFen" FROM "Vouchers" v WHERE v."Id" = "VerificationAttempts"."VoucherId"),
    "CommissionFen" = (SELECT v."CommissionFen" FROM "Vouchers" v WHERE v."Id" = "VerificationAttempts"."VoucherId")
WHERE "Succeeded" AND "ReversedAt" IS NULL;
CREATE INDEX "IX_VerificationAttempts_VoucherId" ON "VerificationAttempts" ("VoucherId");
