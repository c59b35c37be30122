-- Parcels (decision 0032): merged and split shipments of shipping orders; a line belongs to at most one parcel.
CREATE TABLE "Shipments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Shipments" PRIMARY KEY,
    "MerchantId" TEXT NOT NULL,
    "ConsumerId" TEXT NOT NULL,
    "LocationId" TEXT NOT NULL,
    "RecipientName" TEXT NOT NULL,
    "RecipientPhone" TEXT NOT NULL,
    "DeliveryAddress" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "TrackingNumber" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DispatchedAt" INTEGER NULL
);

CREATE TABLE "ShipmentLines" (
    "OrderId" TEXT NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "ShipmentId" TEXT NOT NULL,
    CONSTRAINT "PK_ShipmentLines" PRIMARY KEY ("OrderId", "LineNumber"),
    CONSTRAINT "FK_ShipmentLines_Shipments_ShipmentId" FOREIGN KEY ("ShipmentId") REFERENCES "Shipments" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ShipmentLines_ShipmentId" ON "ShipmentLines" ("ShipmentId");
CREATE INDEX "IX_Shipments_MerchantId_State_CreatedAt" ON "Shipments" ("MerchantId", "State", "CreatedAt");
