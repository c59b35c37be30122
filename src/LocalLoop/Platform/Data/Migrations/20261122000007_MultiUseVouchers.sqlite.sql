ALTER TABLE "Deals" ADD "UsesPerVoucher" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Vouchers" ADD "TotalUses" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Vouchers" ADD "UsesLeft" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Vouchers" ADD "UsedValueFen" INTEGER NOT NULL DEFAULT 0;
UPDATE "Vouchers" SET "UsesLeft" = 0, "UsedValueFen" = "ValueFen" WHERE "State" = 'Verified';
ALTER TABLE "VerificationAttempts" ADD "ValueFen" INTEGER NULL;
ALTER TABLE "VerificationAttempts" ADD "CommissionFen" INTEGER NULL;
UPDATE "VerificationAttempts" SET
    "ValueFen" = (SELECT v."ValueFen" FROM "Vouchers" v WHERE v."Id" = "VerificationAttempts"."VoucherId"),
    "CommissionFen" = (SELECT v."CommissionFen" FROM "Vouchers" v WHERE v."Id" = "VerificationAttempts"."VoucherId")
WHERE "Succeeded" AND "ReversedAt" IS NULL;
CREATE INDEX "IX_VerificationAttempts_VoucherId" ON "VerificationAttempts" ("VoucherId");
