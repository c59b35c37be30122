ALTER TABLE "MerchantApplications" ADD "LegalName" character varying(100) NOT NULL DEFAULT '';
ALTER TABLE "MerchantApplications" ADD "Categories" character varying(200) NOT NULL DEFAULT '';
ALTER TABLE "MerchantApplications" ADD "LicenceFileId" uuid;
ALTER TABLE "MerchantApplications" ADD "DocumentFileIds" character varying(400) NOT NULL DEFAULT '';
ALTER TABLE "MerchantApplications" ADD "ChangesNote" character varying(500);

CREATE TABLE "UploadedFiles" (
    "Id" uuid NOT NULL,
    "OwnerUserId" uuid NOT NULL,
    "MerchantId" uuid,
    "Purpose" character varying(32) NOT NULL,
    "ContentType" character varying(32) NOT NULL,
    "SizeBytes" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "Visibility" character varying(32) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_UploadedFiles" PRIMARY KEY ("Id")
);

CREATE TABLE "StorePhotos" (
    "Id" uuid NOT NULL,
    "StoreId" uuid NOT NULL,
    "MerchantId" uuid NOT NULL,
    "FileId" uuid NOT NULL,
    "SortOrder" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_StorePhotos" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_UploadedFiles_OwnerUserId" ON "UploadedFiles" ("OwnerUserId");
CREATE INDEX "IX_StorePhotos_MerchantId" ON "StorePhotos" ("MerchantId");
CREATE INDEX "IX_StorePhotos_StoreId_SortOrder" ON "StorePhotos" ("StoreId", "SortOrder");
