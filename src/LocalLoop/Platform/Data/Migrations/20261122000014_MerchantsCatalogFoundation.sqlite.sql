ALTER TABLE "Merchants" ADD "Status" TEXT NOT NULL DEFAULT 'Active';
ALTER TABLE "Merchants" ADD "FrozenAt" INTEGER NULL;
ALTER TABLE "Merchants" ADD "FrozenReason" TEXT NULL;
ALTER TABLE "Stores" ADD "TimeZoneId" TEXT NOT NULL DEFAULT 'Asia/Shanghai';
ALTER TABLE "Stores" ADD "ServiceRadiusKm" REAL NOT NULL DEFAULT 5;

CREATE TABLE "StoreHours" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StoreHours" PRIMARY KEY,
    "StoreId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "OpensAt" TEXT NOT NULL,
    "ClosesAt" TEXT NOT NULL
);

CREATE TABLE "StoreHoursExceptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StoreHoursExceptions" PRIMARY KEY,
    "StoreId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Closed" INTEGER NOT NULL,
    "OpensAt" TEXT NULL,
    "ClosesAt" TEXT NULL,
    "Note" TEXT NOT NULL
);

CREATE TABLE "CategoryNodes" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_CategoryNodes" PRIMARY KEY,
    "ParentCode" TEXT NULL,
    "NameZh" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL,
    "SortOrder" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL
);

CREATE TABLE "Products" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Products" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "CategoryCode" TEXT NOT NULL,
    "BrandId" TEXT NULL,
    "Status" TEXT NOT NULL,
    "IsLive" INTEGER NOT NULL,
    "Listed" INTEGER NOT NULL,
    "MinPriceFen" INTEGER NOT NULL,
    "SalesCount" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_CategoryNodes_ParentCode" ON "CategoryNodes" ("ParentCode");
CREATE INDEX "IX_Products_CategoryCode_IsLive_Listed" ON "Products" ("CategoryCode", "IsLive", "Listed");
CREATE INDEX "IX_Products_MerchantId_Status" ON "Products" ("MerchantId", "Status");
CREATE INDEX "IX_StoreHours_MerchantId" ON "StoreHours" ("MerchantId");
CREATE INDEX "IX_StoreHours_StoreId_Day" ON "StoreHours" ("StoreId", "Day");
CREATE INDEX "IX_StoreHoursExceptions_MerchantId" ON "StoreHoursExceptions" ("MerchantId");
CREATE UNIQUE INDEX "IX_StoreHoursExceptions_StoreId_Date" ON "StoreHoursExceptions" ("StoreId", "Date");

INSERT INTO "CategoryNodes" ("Code", "ParentCode", "NameZh", "NameEn", "SortOrder", "IsActive") VALUES
('food', NULL, '美食', 'Food & drink', 10, 1),
('food.hotpot', 'food', '火锅', 'Hotpot', 1, 1),
('food.bbq', 'food', '烧烤', 'Barbecue', 2, 1),
('food.noodles', 'food', '面馆', 'Noodles', 3, 1),
('food.fastfood', 'food', '快餐小吃', 'Fast food & snacks', 4, 1),
('food.dessert', 'food', '甜品饮品', 'Desserts & drinks', 5, 1),
('apparel', NULL, '服饰', 'Apparel', 20, 1),
('apparel.women', 'apparel', '女装', 'Womenswear', 1, 1),
('apparel.men', 'apparel', '男装', 'Menswear', 2, 1),
('apparel.shoes', 'apparel', '鞋靴', 'Shoes', 3, 1),
('lodging', NULL, '住宿', 'Lodging', 30, 1),
('lodging.hotel', 'lodging', '酒店', 'Hotels', 1, 1),
('lodging.homestay', 'lodging', '民宿', 'Homestays', 2, 1),
('daily', NULL, '生活用品', 'Daily goods', 40, 1),
('daily.grocery', 'daily', '超市便利', 'Groceries', 1, 1),
('daily.household', 'daily', '家居日用', 'Household', 2, 1),
('travel', NULL, '出行', 'Travel', 50, 1),
('travel.carrental', 'travel', '租车', 'Car rental', 1, 1),
('travel.parking', 'travel', '停车', 'Parking', 2, 1),
('travel.scenic', 'travel', '景点门票', 'Attractions', 3, 1),
('entertainment', NULL, '休闲娱乐', 'Entertainment', 60, 1),
('entertainment.ktv', 'entertainment', 'KTV', 'KTV', 1, 1),
('entertainment.cinema', 'entertainment', '电影', 'Cinema', 2, 1),
('entertainment.escape', 'entertainment', '密室桌游', 'Escape rooms & board games', 3, 1),
('education', NULL, '教育培训', 'Education', 70, 1),
('education.language', 'education', '语言培训', 'Languages', 1, 1),
('education.arts', 'education', '艺术培训', 'Arts', 2, 1),
('medical', NULL, '医疗', 'Medical', 80, 1),
('medical.dental', 'medical', '口腔', 'Dental', 1, 1),
('medical.checkup', 'medical', '体检', 'Health checks', 2, 1),
('fitness', NULL, '运动健身', 'Health & fitness', 90, 1),
('fitness.gym', 'fitness', '健身房', 'Gyms', 1, 1),
('fitness.yoga', 'fitness', '瑜伽', 'Yoga', 2, 1),
('fitness.swimming', 'fitness', '游泳', 'Swimming', 3, 1),
('beauty', NULL, '丽人', 'Beauty', 100, 1),
('beauty.hair', 'beauty', '美发', 'Hair', 1, 1),
('beauty.nails', 'beauty', '美甲', 'Nails', 2, 1),
('beauty.spa', 'beauty', '美容SPA', 'Spa & skincare', 3, 1);
