-- CreateTable
CREATE TABLE "policy_simulation" (
    "id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "effective_date" TEXT NOT NULL,
    "drafts" JSONB NOT NULL,
    "scope" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "requested_by" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "policy_simulation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_simulation_case" (
    "simulation_id" UUID NOT NULL,
    "case_kind" TEXT NOT NULL,
    "case_id" UUID NOT NULL,
    "county_code" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "old_status" TEXT NOT NULL,
    "new_status" TEXT NOT NULL,
    "old_benefit" DECIMAL(12,2) NOT NULL,
    "new_benefit" DECIMAL(12,2) NOT NULL,
    "change" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "policy_simulation_case_pkey" PRIMARY KEY ("simulation_id","case_kind","case_id")
);

-- CreateIndex
CREATE INDEX "policy_simulation_case_simulation_id_county_code_category_idx" ON "policy_simulation_case"("simulation_id", "county_code", "category");

