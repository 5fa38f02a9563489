-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'CLAIMED', 'DONE', 'CANCELLED');

-- AlterTable
ALTER TABLE "application" ADD COLUMN     "close_relative_flag" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "delegated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "explanation" JSONB,
ADD COLUMN     "facts" JSONB,
ADD COLUMN     "facts_version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "overdue" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "process_due_at" TIMESTAMPTZ(3),
ADD COLUMN     "stage_due_at" TIMESTAMPTZ(3),
ADD COLUMN     "turn_role" TEXT;

-- CreateTable
CREATE TABLE "task" (
    "id" UUID NOT NULL,
    "task_key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "application_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "candidate_role" "Role" NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "township_code" TEXT NOT NULL,
    "assignee" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "due_at" TIMESTAMPTZ(3),
    "due_provisional" BOOLEAN NOT NULL DEFAULT false,
    "reminder_sent_at" TIMESTAMPTZ(3),
    "escalated_at" TIMESTAMPTZ(3),
    "completed_by" TEXT,
    "completed_at" TIMESTAMPTZ(3),
    "outcome" TEXT,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision" (
    "application_id" UUID NOT NULL,
    "outcome" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "monthly_amount" DECIMAL(12,2),
    "engine_amount" DECIMAL(12,2),
    "amount_reason" TEXT,
    "reasons" JSONB NOT NULL,
    "explanation" JSONB NOT NULL,
    "parameter_versions" JSONB NOT NULL,
    "facts_version" INTEGER NOT NULL,
    "facts" JSONB NOT NULL,
    "decided_by" TEXT NOT NULL,
    "decided_role" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_pkey" PRIMARY KEY ("application_id")
);

-- CreateTable
CREATE TABLE "notice" (
    "id" BIGSERIAL NOT NULL,
    "application_id" UUID NOT NULL,
    "notice_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "objection" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "contact" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "objection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrolled_case" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "monthly_amount" DECIMAL(12,2) NOT NULL,
    "members_included" JSONB NOT NULL,
    "start_month" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enrolled_case_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "task_candidate_role_status_jurisdiction_idx" ON "task"("candidate_role", "status", "jurisdiction");

-- CreateIndex
CREATE INDEX "task_application_id_idx" ON "task"("application_id");

-- CreateIndex
CREATE UNIQUE INDEX "task_workflow_id_task_key_key" ON "task"("workflow_id", "task_key");

-- CreateIndex
CREATE UNIQUE INDEX "notice_application_id_notice_key_key" ON "notice"("application_id", "notice_key");

-- CreateIndex
CREATE INDEX "objection_application_id_idx" ON "objection"("application_id");

-- CreateIndex
CREATE UNIQUE INDEX "enrolled_case_application_id_key" ON "enrolled_case"("application_id");

-- CreateIndex
CREATE INDEX "enrolled_case_county_code_category_idx" ON "enrolled_case"("county_code", "category");

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision" ADD CONSTRAINT "decision_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notice" ADD CONSTRAINT "notice_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objection" ADD CONSTRAINT "objection_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

