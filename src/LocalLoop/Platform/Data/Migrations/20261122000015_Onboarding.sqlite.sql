ALTER TABLE "MerchantApplications" ADD "LegalName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "MerchantApplications" ADD "Categories" TEXT NOT NULL DEFAULT '';
ALTER TABLE "MerchantApplications" ADD "LicenceFileId" TEXT NULL;
ALTER TABLE "MerchantApplications" ADD "DocumentFileIds" TEXT NOT NULL DEFAULT '';
ALTER TABLE "MerchantApplications" ADD "ChangesNote" TEXT NULL;

CREATE TABLE "UploadedFiles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_UploadedFiles" PRIMARY KEY,
    "OwnerUserId" TEXT NOT NULL,
    "MerchantId" TEXT NULL,
    "Purpose" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "SizeBytes" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Visibility" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "StorePhotos" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StorePhotos" PRIMARY KEY,
    "StoreId" TEXT NOT NULL,
    "MerchantId" TEXT NOT NULL,
    "FileId" TEXT NOT NULL,
    "SortOrder" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_UploadedFiles_OwnerUserId" ON "UploadedFiles" ("OwnerUserId");
CREATE INDEX "IX_StorePhotos_MerchantId" ON "StorePhotos" ("MerchantId");
CREATE INDEX "IX_StorePhotos_StoreId_SortOrder" ON "StorePhotos" ("StoreId", "SortOrder");
