-- Parcel quantities (decision 0035): a line's units may be spread over several parcels. ShipmentLines is keyed by
-- parcel and line and carries its units; OrderLinePackings counts each line's units in parcels, within its quantity.
ALTER TABLE "ShipmentLines" ADD "Quantity" integer NOT NULL DEFAULT 0;
UPDATE "ShipmentLines" s SET "Quantity" = l."Quantity" FROM "OrderLines" l WHERE l."OrderId" = s."OrderId" AND l."LineNumber" = s."LineNumber";
ALTER TABLE "ShipmentLines" ALTER COLUMN "Quantity" DROP DEFAULT;
ALTER TABLE "ShipmentLines" DROP CONSTRAINT "PK_ShipmentLines";
ALTER TABLE "ShipmentLines" ADD CONSTRAINT "PK_ShipmentLines" PRIMARY KEY ("ShipmentId", "OrderId", "LineNumber");
DROP INDEX "IX_ShipmentLines_ShipmentId";
CREATE INDEX "IX_ShipmentLines_OrderId_LineNumber" ON "ShipmentLines" ("OrderId", "LineNumber");

CREATE TABLE "OrderLinePackings" (
    "OrderId" uuid NOT NULL,
    "LineNumber" integer NOT NULL,
    "Quantity" integer NOT NULL,
    "Packed" integer NOT NULL,
    CONSTRAINT "PK_OrderLinePackings" PRIMARY KEY ("OrderId", "LineNumber")
);
-- Lines already in parcels were packed whole.
INSERT INTO "OrderLinePackings" ("OrderId", "LineNumber", "Quantity", "Packed")
SELECT "OrderId", "LineNumber", "Quantity", "Quantity" FROM "ShipmentLines";
