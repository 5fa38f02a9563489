-- CreateTable
CREATE TABLE "incident" (
    "id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "case_kind" TEXT NOT NULL,
    "case_id" TEXT,
    "county_code" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "error_code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "first_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" TEXT,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "incident_status_county_code_idx" ON "incident"("status", "county_code");

-- CreateIndex
CREATE INDEX "incident_workflow_id_idx" ON "incident"("workflow_id");

-- CreateIndex
CREATE INDEX "incident_case_kind_case_id_idx" ON "incident"("case_kind", "case_id");

