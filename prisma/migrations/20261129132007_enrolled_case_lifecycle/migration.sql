-- CreateEnum
CREATE TYPE "EnrolledCaseStatus" AS ENUM ('ACTIVE', 'RECHECKING', 'PHASE_OUT', 'SUSPENDED', 'EXITED');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('PENDING', 'PAID', 'FAILED');

-- AlterTable
ALTER TABLE "enrolled_case" ADD COLUMN     "exit_reason" TEXT,
ADD COLUMN     "exited_at" TIMESTAMPTZ(3),
ADD COLUMN     "next_recheck_at" TIMESTAMPTZ(3),
ADD COLUMN     "phase_out_ends_at" TIMESTAMPTZ(3),
ADD COLUMN     "status" "EnrolledCaseStatus" NOT NULL DEFAULT 'ACTIVE',
ADD COLUMN     "township_code" TEXT,
ADD COLUMN     "village_code" TEXT,
ADD COLUMN     "workflow_id" TEXT;

-- CreateTable
CREATE TABLE "payment_instruction" (
    "id" UUID NOT NULL,
    "enrolled_case_id" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "members" JSONB NOT NULL,
    "county_code" TEXT NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'PENDING',
    "failure_reason" TEXT,
    "reconciled_at" TIMESTAMPTZ(3),
    "reconciled_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_instruction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_report" (
    "id" UUID NOT NULL,
    "enrolled_case_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "material" BOOLEAN NOT NULL,
    "reported_by" TEXT NOT NULL,
    "reported_role" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "change_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recheck" (
    "id" UUID NOT NULL,
    "enrolled_case_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "new_amount" DECIMAL(12,2),
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "explanation" JSONB,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by" TEXT,

    CONSTRAINT "recheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "payment_instruction_county_code_month_idx" ON "payment_instruction"("county_code", "month");

-- CreateIndex
CREATE UNIQUE INDEX "payment_instruction_enrolled_case_id_month_key" ON "payment_instruction"("enrolled_case_id", "month");

-- CreateIndex
CREATE INDEX "change_report_enrolled_case_id_idx" ON "change_report"("enrolled_case_id");

-- CreateIndex
CREATE UNIQUE INDEX "recheck_workflow_id_key" ON "recheck"("workflow_id");

-- CreateIndex
CREATE INDEX "recheck_enrolled_case_id_idx" ON "recheck"("enrolled_case_id");

-- CreateIndex
CREATE UNIQUE INDEX "enrolled_case_workflow_id_key" ON "enrolled_case"("workflow_id");

-- CreateIndex
CREATE INDEX "enrolled_case_county_code_status_idx" ON "enrolled_case"("county_code", "status");

-- AddForeignKey
ALTER TABLE "payment_instruction" ADD CONSTRAINT "payment_instruction_enrolled_case_id_fkey" FOREIGN KEY ("enrolled_case_id") REFERENCES "enrolled_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_report" ADD CONSTRAINT "change_report_enrolled_case_id_fkey" FOREIGN KEY ("enrolled_case_id") REFERENCES "enrolled_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recheck" ADD CONSTRAINT "recheck_enrolled_case_id_fkey" FOREIGN KEY ("enrolled_case_id") REFERENCES "enrolled_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

