-- Parcel quantities (decision 0035): a line's units may be spread over several parcels. ShipmentLines is keyed by
-- parcel and line and carries its units; OrderLinePackings counts each line's units in parcels, within its quantity.
CREATE TABLE "ShipmentLines_new" (
    "ShipmentId" TEXT NOT NULL,
    "OrderId" TEXT NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "Quantity" INTEGER NOT NULL,
    CONSTRAINT "PK_ShipmentLines" PRIMARY KEY ("ShipmentId", "OrderId", "LineNumber"),
    CONSTRAINT "FK_ShipmentLines_Shipments_ShipmentId" FOREIGN KEY ("ShipmentId") REFERENCES "Shipments" ("Id") ON DELETE CASCADE
);
INSERT INTO "ShipmentLines_new" ("ShipmentId", "OrderId", "LineNumber", "Quantity")
SELECT s."ShipmentId", s."OrderId", s."LineNumber", l."Quantity"
FROM "ShipmentLines" s JOIN "OrderLines" l ON l."OrderId" = s."OrderId" AND l."LineNumber" = s."LineNumber";
DROP TABLE "ShipmentLines";
ALTER TABLE "ShipmentLines_new" RENAME TO "ShipmentLines";
CREATE INDEX "IX_ShipmentLines_OrderId_LineNumber" ON "ShipmentLines" ("OrderId", "LineNumber");

CREATE TABLE "OrderLinePackings" (
    "OrderId" TEXT NOT NULL,
    "LineNumber" INTEGER NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "Packed" INTEGER NOT NULL,
    CONSTRAINT "PK_OrderLinePackings" PRIMARY KEY ("OrderId", "LineNumber")
);
-- Lines already in parcels were packed whole.
INSERT INTO "OrderLinePackings" ("OrderId", "LineNumber", "Quantity", "Packed")
SELECT "OrderId", "LineNumber", "Quantity", "Quantity" FROM "ShipmentLines";
