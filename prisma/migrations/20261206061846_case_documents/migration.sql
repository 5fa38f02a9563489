-- CreateTable
CREATE TABLE "case_document" (
    "id" UUID NOT NULL,
    "case_kind" TEXT NOT NULL,
    "case_id" UUID NOT NULL,
    "division_code" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "member_id" UUID,
    "notice_ref" TEXT,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "hash_algorithm" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "key_id" TEXT,
    "supersedes_id" UUID,
    "supersede_reason" TEXT,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_role" TEXT NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retain_until" DATE NOT NULL,
    "audit_seq" BIGINT NOT NULL,
    "audit_hash" TEXT NOT NULL,

    CONSTRAINT "case_document_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "case_document_notice_ref_key" ON "case_document"("notice_ref");

-- CreateIndex
CREATE UNIQUE INDEX "case_document_storage_key_key" ON "case_document"("storage_key");

-- CreateIndex
CREATE UNIQUE INDEX "case_document_supersedes_id_key" ON "case_document"("supersedes_id");

-- CreateIndex
CREATE INDEX "case_document_case_id_uploaded_at_idx" ON "case_document"("case_id", "uploaded_at");

-- CreateIndex
CREATE UNIQUE INDEX "case_document_case_id_hash_key" ON "case_document"("case_id", "hash");

