CREATE TABLE "Holidays" (
    "Date" TEXT NOT NULL CONSTRAINT "PK_Holidays" PRIMARY KEY,
    "NameZh" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL
);
ALTER TABLE "Deals" ADD "ValidityRules" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Vouchers" ADD "ValidityRules" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Vouchers" ADD "ValidFrom" INTEGER NOT NULL DEFAULT 0;
UPDATE "Vouchers" SET "ValidFrom" = "IssuedAt";
INSERT INTO "Holidays" ("Date", "NameZh", "NameEn") VALUES
('2026-01-01', '元旦', 'New Year''s Day'),
('2026-01-02', '元旦', 'New Year''s Day'),
('2026-01-03', '元旦', 'New Year''s Day'),
('2026-02-15', '春节', 'Spring Festival'),
('2026-02-16', '春节', 'Spring Festival'),
('2026-02-17', '春节', 'Spring Festival'),
('2026-02-18', '春节', 'Spring Festival'),
('2026-02-19', '春节', 'Spring Festival'),
('2026-02-20', '春节', 'Spring Festival'),
('2026-02-21', '春节', 'Spring Festival'),
('2026-02-22', '春节', 'Spring Festival'),
('2026-02-23', '春节', 'Spring Festival'),
('2026-04-04', '清明节', 'Qingming Festival'),
('2026-04-05', '清明节', 'Qingming Festival'),
('2026-04-06', '清明节', 'Qingming Festival'),
('2026-05-01', '劳动节', 'Labour Day'),
('2026-05-02', '劳动节', 'Labour Day'),
('2026-05-03', '劳动节', 'Labour Day'),
('2026-05-04', '劳动节', 'Labour Day'),
('2026-05-05', '劳动节', 'Labour Day'),
('2026-06-19', '端午节', 'Dragon Boat Festival'),
('2026-06-20', '端午节', 'Dragon Boat Festival'),
('2026-06-21', '端午节', 'Dragon Boat Festival'),
('2026-09-25', '中秋节', 'Mid-Autumn Festival'),
('2026-09-26', '中秋节', 'Mid-Autumn Festival'),
('2026-09-27', '中秋节', 'Mid-Autumn Festival'),
('2026-10-01', '国庆节', 'National Day'),
('2026-10-02', '国庆节', 'National Day'),
('2026-10-03', '国庆节', 'National Day'),
('2026-10-04', '国庆节', 'National Day'),
('2026-10-05', '国庆节', 'National Day'),
('2026-10-06', '国庆节', 'National Day'),
('2026-10-07', '国庆节', 'National Day');
