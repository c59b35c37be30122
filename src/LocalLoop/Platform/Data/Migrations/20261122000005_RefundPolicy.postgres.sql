ALTER TABLE "Deals" ADD "RefundPolicy" character varying(32) NOT NULL DEFAULT 'AnyTime';
ALTER TABLE "Vouchers" ADD "RefundPolicy" character varying(32) NOT NULL DEFAULT 'AnyTime';
