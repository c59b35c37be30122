-- Inventory (decision 0020): warehouses, stock levels per SKU per location, the append-only journal, reservations,
-- purchase receipts and stocktakes.
CREATE TABLE "Warehouses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Warehouses" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "StockLevels" (
    "LocationId" TEXT NOT NULL,
    "SkuId" TEXT NOT NULL,
    "ProductId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "OnHand" INTEGER NOT NULL,
    "Reserved" INTEGER NOT NULL,
    "LowStockThreshold" INTEGER NULL,
    "LowStockAlerted" INTEGER NOT NULL,
    CONSTRAINT "PK_StockLevels" PRIMARY KEY ("LocationId", "SkuId")
);

CREATE TABLE "StockMovements" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StockMovements" PRIMARY KEY AUTOINCREMENT,
    "MerchantId" TEXT NOT NULL,
    "LocationId" TEXT NOT NULL,
    "ProductId" TEXT NOT NULL,
    "SkuId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "OnHandAfter" INTEGER NOT NULL,
    "Reference" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "ActorUserId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "At" INTEGER NOT NULL
);

CREATE TABLE "StockReservations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StockReservations" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "LocationId" TEXT NOT NULL,
    "ProductId" TEXT NOT NULL,
    "SkuId" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "Reference" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ClosedAt" INTEGER NULL
);

CREATE TABLE "PurchaseReceipts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PurchaseReceipts" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "LocationId" TEXT NOT NULL,
    "Supplier" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReceivedAt" INTEGER NULL
);

CREATE TABLE "PurchaseReceiptLines" (
    "ReceiptId" TEXT NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "ProductId" TEXT NOT NULL,
    "SkuId" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "UnitCostFen" INTEGER NOT NULL,
    "ReturnedQuantity" INTEGER NOT NULL,
    CONSTRAINT "PK_PurchaseReceiptLines" PRIMARY KEY ("ReceiptId", "LineNumber"),
    CONSTRAINT "FK_PurchaseReceiptLines_PurchaseReceipts_ReceiptId" FOREIGN KEY ("ReceiptId") REFERENCES "PurchaseReceipts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Stocktakes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Stocktakes" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "LocationId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ApprovedAt" INTEGER NULL,
    "ApprovedBy" TEXT NOT NULL
);

CREATE TABLE "StocktakeLines" (
    "StocktakeId" TEXT NOT NULL,
    "SkuId" TEXT NOT NULL,
    "ProductId" TEXT NOT NULL,
    "Expected" INTEGER NOT NULL,
    "Counted" INTEGER NULL,
    CONSTRAINT "PK_StocktakeLines" PRIMARY KEY ("StocktakeId", "SkuId"),
    CONSTRAINT "FK_StocktakeLines_Stocktakes_StocktakeId" FOREIGN KEY ("StocktakeId") REFERENCES "Stocktakes" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Warehouses_MerchantId" ON "Warehouses" ("MerchantId");
CREATE INDEX "IX_StockLevels_MerchantId_LocationId" ON "StockLevels" ("MerchantId", "LocationId");
CREATE INDEX "IX_StockMovements_LocationId_SkuId" ON "StockMovements" ("LocationId", "SkuId");
CREATE INDEX "IX_StockMovements_MerchantId_Id" ON "StockMovements" ("MerchantId", "Id");
CREATE UNIQUE INDEX "IX_StockReservations_MerchantId_Reference" ON "StockReservations" ("MerchantId", "Reference");
CREATE INDEX "IX_PurchaseReceipts_MerchantId_CreatedAt" ON "PurchaseReceipts" ("MerchantId", "CreatedAt");
CREATE INDEX "IX_Stocktakes_MerchantId_CreatedAt" ON "Stocktakes" ("MerchantId", "CreatedAt");
