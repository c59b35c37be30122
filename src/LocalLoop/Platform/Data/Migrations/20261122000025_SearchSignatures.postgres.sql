-- Keyword search tests a 128-bit character signature before the substring (decision 0019). The trigram index goes: a
-- search always has a position, and with a generic plan the planner read a one-character keyword's whole trigram
-- posting list city-wide (0.8 s) instead of the few thousand rows of the position. The index is emptied so the app
-- rebuilds it at its next start with the signatures filled in.
DROP INDEX IF EXISTS "IX_StoreSearchDocs_SearchText";
DELETE FROM "StoreSearchDocs";
DELETE FROM "StoreSearchTitles";
ALTER TABLE "StoreSearchDocs" ADD COLUMN "CharsLow" bigint NOT NULL DEFAULT 0;
ALTER TABLE "StoreSearchDocs" ADD COLUMN "CharsHigh" bigint NOT NULL DEFAULT 0;
