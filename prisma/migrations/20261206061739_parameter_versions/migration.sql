-- CreateTable
CREATE TABLE "parameter_version" (
    "id" UUID NOT NULL,
    "parameter_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "division" TEXT NOT NULL,
    "area" TEXT NOT NULL DEFAULT '',
    "valid_from" TEXT NOT NULL,
    "valid_to" TEXT,
    "value" JSONB NOT NULL,
    "unit" TEXT NOT NULL,
    "citations" JSONB NOT NULL,
    "placeholder" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "figure_year" INTEGER,
    "origin" TEXT NOT NULL,
    "proposal_id" UUID,
    "approved_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "parameter_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "parameter_proposal" (
    "id" UUID NOT NULL,
    "parameter_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "division" TEXT NOT NULL,
    "area" TEXT NOT NULL DEFAULT '',
    "valid_from" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "unit" TEXT NOT NULL,
    "citations" JSONB NOT NULL,
    "document" JSONB NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "proposed_by" TEXT NOT NULL,
    "proposed_role" TEXT NOT NULL,
    "proposed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by" TEXT,
    "decided_role" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_reason" TEXT,
    "workflow_id" TEXT NOT NULL,

    CONSTRAINT "parameter_proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_document" (
    "id" TEXT NOT NULL,
    "doc_no" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issuer" TEXT,
    "issued_on" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_document_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "parameter_version_proposal_id_key" ON "parameter_version"("proposal_id");

-- CreateIndex
CREATE UNIQUE INDEX "parameter_version_parameter_id_division_area_version_key" ON "parameter_version"("parameter_id", "division", "area", "version");

-- CreateIndex
CREATE INDEX "parameter_proposal_parameter_id_status_idx" ON "parameter_proposal"("parameter_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "policy_document_doc_no_key" ON "policy_document"("doc_no");

