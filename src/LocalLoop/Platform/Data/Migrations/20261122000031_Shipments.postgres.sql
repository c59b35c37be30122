-- Parcels (decision 0032): merged and split shipments of shipping orders; a line belongs to at most one parcel.
CREATE TABLE "Shipments" (
    "Id" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "ConsumerId" uuid NOT NULL,
    "LocationId" uuid NOT NULL,
    "RecipientName" character varying(50) NOT NULL,
    "RecipientPhone" character varying(30) NOT NULL,
    "DeliveryAddress" character varying(200) NOT NULL,
    "State" character varying(32) NOT NULL,
    "TrackingNumber" character varying(40),
    "CreatedAt" timestamp with time zone NOT NULL,
    "DispatchedAt" timestamp with time zone,
    CONSTRAINT "PK_Shipments" PRIMARY KEY ("Id")
);

CREATE TABLE "ShipmentLines" (
    "OrderId" uuid NOT NULL,
    "LineNumber" integer NOT NULL,
    "ShipmentId" uuid NOT NULL,
    CONSTRAINT "PK_ShipmentLines" PRIMARY KEY ("OrderId", "LineNumber"),
    CONSTRAINT "FK_ShipmentLines_Shipments_ShipmentId" FOREIGN KEY ("ShipmentId") REFERENCES "Shipments" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ShipmentLines_ShipmentId" ON "ShipmentLines" ("ShipmentId");
CREATE INDEX "IX_Shipments_MerchantId_State_CreatedAt" ON "Shipments" ("MerchantId", "State", "CreatedAt");
