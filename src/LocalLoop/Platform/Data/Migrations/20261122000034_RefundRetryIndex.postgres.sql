-- The refund retry job (every 15 s) looks for gateway refunds the gateway has not acknowledged yet, oldest first: a
-- partial index holds only those, so the scan stays small however many refunds have been sent.
CREATE INDEX "IX_Refunds_Unsent" ON "Refunds" ("CreatedAt") WHERE "GatewayRefundId" IS NULL;
