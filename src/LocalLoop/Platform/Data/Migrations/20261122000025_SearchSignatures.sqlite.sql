-- Keyword search tests a 128-bit character signature before the substring (decision 0019). The index is emptied so the
-- app rebuilds it at its next start with the signatures filled in.
DELETE FROM "StoreSearchDocs";
DELETE FROM "StoreSearchTitles";
ALTER TABLE "StoreSearchDocs" ADD COLUMN "CharsLow" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "StoreSearchDocs" ADD COLUMN "CharsHigh" INTEGER NOT NULL DEFAULT 0;
