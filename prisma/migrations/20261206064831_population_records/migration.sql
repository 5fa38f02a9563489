-- AlterTable
ALTER TABLE "data_batch" ADD COLUMN     "population_recorded" INTEGER;

-- CreateTable
CREATE TABLE "population_record" (
    "id" UUID NOT NULL,
    "id_number_hmac" CHAR(64) NOT NULL,
    "id_number_masked" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "subtype" TEXT,
    "origin" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "head_id_number_hmac" CHAR(64),
    "since" DATE NOT NULL,
    "batch_id" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "population_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "population_record_county_code_category_idx" ON "population_record"("county_code", "category");

-- CreateIndex
CREATE INDEX "population_record_name_idx" ON "population_record"("name");

-- CreateIndex
CREATE UNIQUE INDEX "population_record_id_number_hmac_category_origin_key" ON "population_record"("id_number_hmac", "category", "origin");

