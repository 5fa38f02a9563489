-- CreateEnum
CREATE TYPE "RecheckCampaignStatus" AS ENUM ('RUNNING', 'COMPLETED');

-- AlterTable
ALTER TABLE "recheck" ADD COLUMN     "campaign_id" UUID;

-- CreateTable
CREATE TABLE "recheck_campaign" (
    "id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "categories" TEXT[],
    "due_from" TIMESTAMPTZ(3) NOT NULL,
    "due_to" TIMESTAMPTZ(3) NOT NULL,
    "rate_per_second" INTEGER NOT NULL,
    "status" "RecheckCampaignStatus" NOT NULL DEFAULT 'RUNNING',
    "selected" INTEGER NOT NULL DEFAULT 0,
    "signalled" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "started_by" TEXT NOT NULL,
    "schedule_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "recheck_campaign_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "recheck_campaign_workflow_id_key" ON "recheck_campaign"("workflow_id");

-- CreateIndex
CREATE INDEX "recheck_campaign_county_code_status_idx" ON "recheck_campaign"("county_code", "status");

-- CreateIndex
CREATE INDEX "recheck_campaign_id_idx" ON "recheck"("campaign_id");

