ALTER TABLE "Deals" ADD "RefundPolicy" TEXT NOT NULL DEFAULT 'AnyTime';
ALTER TABLE "Vouchers" ADD "RefundPolicy" TEXT NOT NULL DEFAULT 'AnyTime';
