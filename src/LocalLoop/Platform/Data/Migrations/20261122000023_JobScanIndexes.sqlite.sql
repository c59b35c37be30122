-- The periodic scans read across all merchants by state and time (decision 0023): the expiry refund and reminder
-- jobs take Issued vouchers by expiry, the external pending job takes Pending consumptions oldest first.
CREATE INDEX "IX_Vouchers_State_ExpiresAt" ON "Vouchers" ("State", "ExpiresAt");
CREATE INDEX "IX_ExternalConsumptions_State_CreatedAt" ON "ExternalConsumptions" ("State", "CreatedAt");
