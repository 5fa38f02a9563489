-- AlterTable
ALTER TABLE "task" ADD COLUMN     "case_id" UUID,
ADD COLUMN     "case_kind" TEXT NOT NULL DEFAULT 'APPLICATION',
ADD COLUMN     "escalation_kind" TEXT,
ADD COLUMN     "reason" TEXT,
ALTER COLUMN "application_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "emergency_case" (
    "id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "township_code" TEXT NOT NULL,
    "village_code" TEXT,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "requested_amount" DECIMAL(12,2) NOT NULL,
    "approved_amount" DECIMAL(12,2),
    "paid_amount" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "description" TEXT NOT NULL,
    "applicant_name" TEXT NOT NULL,
    "id_number_hmac" TEXT NOT NULL,
    "id_number_encrypted" TEXT NOT NULL,
    "id_number_masked" TEXT NOT NULL,
    "member_id" UUID,
    "area" "Area" NOT NULL,
    "created_by" TEXT NOT NULL,
    "idempotency_key" TEXT,
    "eased" BOOLEAN NOT NULL DEFAULT false,
    "explanation" TEXT,
    "registration" JSONB,
    "decision" JSONB,
    "notice" TEXT,
    "measures" JSONB,
    "deliberation_id" UUID,
    "due_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "emergency_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "emergency_payment" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "payment_key" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "emergency_payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reserve_fund" (
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "balance" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reserve_fund_pkey" PRIMARY KEY ("township_code")
);

-- CreateTable
CREATE TABLE "reserve_fund_entry" (
    "id" BIGSERIAL NOT NULL,
    "township_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "balance_after" DECIMAL(14,2) NOT NULL,
    "entry_key" TEXT NOT NULL,
    "case_id" UUID,
    "actor_id" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reserve_fund_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliberation" (
    "id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "township_code" TEXT,
    "source_kind" TEXT NOT NULL,
    "source_id" TEXT,
    "question" TEXT NOT NULL,
    "chair_id" TEXT,
    "members" JSONB NOT NULL DEFAULT '[]',
    "stage" TEXT NOT NULL,
    "deadline_at" TIMESTAMPTZ(3),
    "extended" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT,
    "measures" JSONB,
    "closed_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deliberation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliberation_opinion" (
    "deliberation_id" UUID NOT NULL,
    "member_id" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "opinion" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deliberation_opinion_pkey" PRIMARY KEY ("deliberation_id","member_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "emergency_case_workflow_id_key" ON "emergency_case"("workflow_id");

-- CreateIndex
CREATE INDEX "emergency_case_county_code_stage_idx" ON "emergency_case"("county_code", "stage");

-- CreateIndex
CREATE INDEX "emergency_case_id_number_hmac_idx" ON "emergency_case"("id_number_hmac");

-- CreateIndex
CREATE UNIQUE INDEX "emergency_case_created_by_idempotency_key_key" ON "emergency_case"("created_by", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "emergency_payment_payment_key_key" ON "emergency_payment"("payment_key");

-- CreateIndex
CREATE INDEX "emergency_payment_case_id_idx" ON "emergency_payment"("case_id");

-- CreateIndex
CREATE INDEX "reserve_fund_county_code_idx" ON "reserve_fund"("county_code");

-- CreateIndex
CREATE UNIQUE INDEX "reserve_fund_entry_entry_key_key" ON "reserve_fund_entry"("entry_key");

-- CreateIndex
CREATE INDEX "reserve_fund_entry_township_code_at_idx" ON "reserve_fund_entry"("township_code", "at");

-- CreateIndex
CREATE UNIQUE INDEX "deliberation_workflow_id_key" ON "deliberation"("workflow_id");

-- CreateIndex
CREATE INDEX "deliberation_county_code_stage_idx" ON "deliberation"("county_code", "stage");

-- CreateIndex
CREATE INDEX "task_case_kind_case_id_idx" ON "task"("case_kind", "case_id");

-- CreateIndex
CREATE INDEX "task_type_status_county_code_idx" ON "task"("type", "status", "county_code");

-- AddForeignKey
ALTER TABLE "emergency_payment" ADD CONSTRAINT "emergency_payment_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "emergency_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reserve_fund_entry" ADD CONSTRAINT "reserve_fund_entry_township_code_fkey" FOREIGN KEY ("township_code") REFERENCES "reserve_fund"("township_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliberation_opinion" ADD CONSTRAINT "deliberation_opinion_deliberation_id_fkey" FOREIGN KEY ("deliberation_id") REFERENCES "deliberation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

