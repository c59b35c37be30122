-- After-sales quantity (decision 0033): the units of each order line in requests that still count, kept by conditional
-- updates so two requests never share the last unit; filled from the requests that count today.
ALTER TABLE "OrderLines" ADD COLUMN "AfterSalesQuantity" INTEGER NOT NULL DEFAULT 0;
UPDATE "OrderLines" SET "AfterSalesQuantity" = (
    SELECT COALESCE(SUM(r."Quantity"), 0) FROM "AfterSalesRequests" r
    WHERE r."OrderId" = "OrderLines"."OrderId" AND r."LineNumber" = "OrderLines"."LineNumber"
      AND r."State" IN ('Requested', 'Approved', 'ReturnShipped', 'Completed', 'Disputed'))
WHERE EXISTS (SELECT 1 FROM "AfterSalesRequests" r WHERE r."OrderId" = "OrderLines"."OrderId" AND r."LineNumber" = "OrderLines"."LineNumber");
