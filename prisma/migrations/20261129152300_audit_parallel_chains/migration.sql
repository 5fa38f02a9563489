-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "chain" SMALLINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "audit_log_chain_seq_idx" ON "audit_log"("chain", "seq");

