-- The national algorithms (CRYPTO_SUITE=NATIONAL). Each audit row names its hash algorithm:
-- every row so far was hashed with sha256 and keeps it (audit rows are never updated).
ALTER TABLE "audit_log" ADD COLUMN     "hash_alg" TEXT NOT NULL DEFAULT 'sha256';

-- Lookup hashes of the national suite are `sm3:<keyId>:<hex>`, longer than 64 characters.
ALTER TABLE "data_batch_row" ALTER COLUMN "id_number_hmac" SET DATA TYPE TEXT;
ALTER TABLE "warning" ALTER COLUMN "id_number_hmac" SET DATA TYPE TEXT;
ALTER TABLE "population_record" ALTER COLUMN "id_number_hmac" SET DATA TYPE TEXT,
ALTER COLUMN "head_id_number_hmac" SET DATA TYPE TEXT;

-- CreateTable
CREATE TABLE "crypto_migration" (
    "id" UUID NOT NULL,
    "target_suite" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "workflow_id" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "report" JSONB NOT NULL DEFAULT '{}',
    "cursor_table" TEXT DEFAULT 'member',
    "cursor_after" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "crypto_migration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "crypto_migration_workflow_id_key" ON "crypto_migration"("workflow_id");
