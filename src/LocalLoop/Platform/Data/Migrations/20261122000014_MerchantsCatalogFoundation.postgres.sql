ALTER TABLE "Merchants" ADD "Status" character varying(32) NOT NULL DEFAULT 'Active';
ALTER TABLE "Merchants" ADD "FrozenAt" timestamp with time zone;
ALTER TABLE "Merchants" ADD "FrozenReason" character varying(500);
ALTER TABLE "Stores" ADD "TimeZoneId" character varying(64) NOT NULL DEFAULT 'Asia/Shanghai';
ALTER TABLE "Stores" ADD "ServiceRadiusKm" double precision NOT NULL DEFAULT 5;

CREATE TABLE "StoreHours" (
    "Id" uuid NOT NULL,
    "StoreId" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "Day" character varying(32) NOT NULL,
    "OpensAt" time without time zone NOT NULL,
    "ClosesAt" time without time zone NOT NULL,
    CONSTRAINT "PK_StoreHours" PRIMARY KEY ("Id")
);

CREATE TABLE "StoreHoursExceptions" (
    "Id" uuid NOT NULL,
    "StoreId" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "Date" date NOT NULL,
    "Closed" boolean NOT NULL,
    "OpensAt" time without time zone,
    "ClosesAt" time without time zone,
    "Note" character varying(100) NOT NULL,
    CONSTRAINT "PK_StoreHoursExceptions" PRIMARY KEY ("Id")
);

CREATE TABLE "CategoryNodes" (
    "Code" character varying(64) NOT NULL,
    "ParentCode" character varying(64),
    "NameZh" character varying(50) NOT NULL,
    "NameEn" character varying(50) NOT NULL,
    "SortOrder" integer NOT NULL,
    "IsActive" boolean NOT NULL,
    CONSTRAINT "PK_CategoryNodes" PRIMARY KEY ("Code")
);

CREATE TABLE "Products" (
    "Id" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "Title" character varying(100) NOT NULL,
    "CategoryCode" character varying(64) NOT NULL,
    "BrandId" uuid,
    "Status" character varying(32) NOT NULL,
    "IsLive" boolean NOT NULL,
    "Listed" boolean NOT NULL,
    "MinPriceFen" bigint NOT NULL,
    "SalesCount" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Products" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_CategoryNodes_ParentCode" ON "CategoryNodes" ("ParentCode");
CREATE INDEX "IX_Products_CategoryCode_IsLive_Listed" ON "Products" ("CategoryCode", "IsLive", "Listed");
CREATE INDEX "IX_Products_MerchantId_Status" ON "Products" ("MerchantId", "Status");
CREATE INDEX "IX_StoreHours_MerchantId" ON "StoreHours" ("MerchantId");
CREATE INDEX "IX_StoreHours_StoreId_Day" ON "StoreHours" ("StoreId", "Day");
CREATE INDEX "IX_StoreHoursExceptions_MerchantId" ON "StoreHoursExceptions" ("MerchantId");
CREATE UNIQUE INDEX "IX_StoreHoursExceptions_StoreId_Date" ON "StoreHoursExceptions" ("StoreId", "Date");

INSERT INTO "CategoryNodes" ("Code", "ParentCode", "NameZh", "NameEn", "SortOrder", "IsActive") VALUES
('food', NULL, '美食', 'Food & drink', 10, TRUE),
('food.hotpot', 'food', '火锅', 'Hotpot', 1, TRUE),
('food.bbq', 'food', '烧烤', 'Barbecue', 2, TRUE),
('food.noodles', 'food', '面馆', 'Noodles', 3, TRUE),
('food.fastfood', 'food', '快餐小吃', 'Fast food & snacks', 4, TRUE),
('food.dessert', 'food', '甜品饮品', 'Desserts & drinks', 5, TRUE),
('apparel', NULL, '服饰', 'Apparel', 20, TRUE),
('apparel.women', 'apparel', '女装', 'Womenswear', 1, TRUE),
('apparel.men', 'apparel', '男装', 'Menswear', 2, TRUE),
('apparel.shoes', 'apparel', '鞋靴', 'Shoes', 3, TRUE),
('lodging', NULL, '住宿', 'Lodging', 30, TRUE),
('lodging.hotel', 'lodging', '酒店', 'Hotels', 1, TRUE),
('lodging.homestay', 'lodging', '民宿', 'Homestays', 2, TRUE),
('daily', NULL, '生活用品', 'Daily goods', 40, TRUE),
('daily.grocery', 'daily', '超市便利', 'Groceries', 1, TRUE),
('daily.household', 'daily', '家居日用', 'Household', 2, TRUE),
('travel', NULL, '出行', 'Travel', 50, TRUE),
('travel.carrental', 'travel', '租车', 'Car rental', 1, TRUE),
('travel.parking', 'travel', '停车', 'Parking', 2, TRUE),
('travel.scenic', 'travel', '景点门票', 'Attractions', 3, TRUE),
('entertainment', NULL, '休闲娱乐', 'Entertainment', 60, TRUE),
('entertainment.ktv', 'entertainment', 'KTV', 'KTV', 1, TRUE),
('entertainment.cinema', 'entertainment', '电影', 'Cinema', 2, TRUE),
('entertainment.escape', 'entertainment', '密室桌游', 'Escape rooms & board games', 3, TRUE),
('education', NULL, '教育培训', 'Education', 70, TRUE),
('education.language', 'education', '语言培训', 'Languages', 1, TRUE),
('education.arts', 'education', '艺术培训', 'Arts', 2, TRUE),
('medical', NULL, '医疗', 'Medical', 80, TRUE),
('medical.dental', 'medical', '口腔', 'Dental', 1, TRUE),
('medical.checkup', 'medical', '体检', 'Health checks', 2, TRUE),
('fitness', NULL, '运动健身', 'Health & fitness', 90, TRUE),
('fitness.gym', 'fitness', '健身房', 'Gyms', 1, TRUE),
('fitness.yoga', 'fitness', '瑜伽', 'Yoga', 2, TRUE),
('fitness.swimming', 'fitness', '游泳', 'Swimming', 3, TRUE),
('beauty', NULL, '丽人', 'Beauty', 100, TRUE),
('beauty.hair', 'beauty', '美发', 'Hair', 1, TRUE),
('beauty.nails', 'beauty', '美甲', 'Nails', 2, TRUE),
('beauty.spa', 'beauty', '美容SPA', 'Spa & skincare', 3, TRUE);
