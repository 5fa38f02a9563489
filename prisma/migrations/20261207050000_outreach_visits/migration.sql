-- AlterTable
ALTER TABLE "warning" ALTER COLUMN "first_batch_id" DROP NOT NULL,
ALTER COLUMN "last_batch_id" DROP NOT NULL,
ALTER COLUMN "last_row" DROP NOT NULL;

-- CreateTable
CREATE TABLE "outreach_visit" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "village_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "survey_id" UUID,
    "task_id" UUID NOT NULL,
    "visitor" TEXT NOT NULL,
    "visited_on" DATE NOT NULL,
    "findings" TEXT NOT NULL,
    "changes" TEXT,
    "outcome" TEXT NOT NULL,
    "warning_id" UUID,
    "change_report_id" UUID,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outreach_visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_survey" (
    "id" UUID NOT NULL,
    "scope_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "sample_size" INTEGER NOT NULL,
    "scope_size" INTEGER NOT NULL,
    "seed" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outreach_survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_survey_household" (
    "survey_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "village_code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "task_id" UUID,

    CONSTRAINT "outreach_survey_household_pkey" PRIMARY KEY ("survey_id","household_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outreach_visit_task_id_key" ON "outreach_visit"("task_id");

-- CreateIndex
CREATE INDEX "outreach_visit_household_id_visited_on_idx" ON "outreach_visit"("household_id", "visited_on");

-- CreateIndex
CREATE INDEX "outreach_visit_survey_id_idx" ON "outreach_visit"("survey_id");

-- CreateIndex
CREATE INDEX "outreach_survey_county_code_created_at_idx" ON "outreach_survey"("county_code", "created_at");

-- CreateIndex
CREATE INDEX "outreach_survey_household_task_id_idx" ON "outreach_survey_household"("task_id");

-- AddForeignKey
ALTER TABLE "outreach_survey_household" ADD CONSTRAINT "outreach_survey_household_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "outreach_survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
