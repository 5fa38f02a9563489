-- CreateTable
CREATE TABLE "data_batch" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "encoding" TEXT NOT NULL,
    "scope_code" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "rows_read" INTEGER NOT NULL,
    "rows_refused" INTEGER NOT NULL,
    "rows_staged" INTEGER NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL,
    "staged_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "data_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_batch_refusal" (
    "id" BIGSERIAL NOT NULL,
    "batch_id" UUID NOT NULL,
    "row" INTEGER,
    "column" TEXT,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "data_batch_refusal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_batch_row" (
    "batch_id" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "id_number_hmac" CHAR(64) NOT NULL,
    "county_code" TEXT NOT NULL,
    "event_date" DATE NOT NULL,
    "fields" JSONB NOT NULL,

    CONSTRAINT "data_batch_row_pkey" PRIMARY KEY ("batch_id","row")
);

-- CreateIndex
CREATE INDEX "data_batch_scope_code_uploaded_at_idx" ON "data_batch"("scope_code", "uploaded_at");

-- CreateIndex
CREATE UNIQUE INDEX "data_batch_source_scope_code_sha256_key" ON "data_batch"("source", "scope_code", "sha256");

-- CreateIndex
CREATE INDEX "data_batch_refusal_batch_id_row_idx" ON "data_batch_refusal"("batch_id", "row");

-- CreateIndex
CREATE INDEX "data_batch_row_id_number_hmac_idx" ON "data_batch_row"("id_number_hmac");

-- AddForeignKey
ALTER TABLE "data_batch_refusal" ADD CONSTRAINT "data_batch_refusal_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "data_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_batch_row" ADD CONSTRAINT "data_batch_row_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "data_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

