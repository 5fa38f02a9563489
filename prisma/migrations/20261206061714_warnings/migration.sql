-- AlterTable
ALTER TABLE "data_batch" ADD COLUMN     "reported_at" TIMESTAMPTZ(3),
ADD COLUMN     "rows_matched" INTEGER,
ADD COLUMN     "warnings_raised" INTEGER,
ADD COLUMN     "warnings_updated" INTEGER;

-- CreateTable
CREATE TABLE "warning" (
    "id" UUID NOT NULL,
    "open_key" TEXT,
    "warning_class" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "id_number_hmac" CHAR(64) NOT NULL,
    "member_id" UUID,
    "household_id" UUID,
    "enrolled_case_id" UUID,
    "county_code" TEXT NOT NULL,
    "township_code" TEXT,
    "stage" TEXT NOT NULL,
    "outcome" TEXT,
    "reason" TEXT,
    "department" TEXT,
    "change_report_id" UUID,
    "first_batch_id" UUID NOT NULL,
    "last_batch_id" UUID NOT NULL,
    "last_row" INTEGER NOT NULL,
    "event_date" DATE NOT NULL,
    "details" JSONB NOT NULL,
    "workflow_id" TEXT,
    "due_at" TIMESTAMPTZ(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "warning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "warning_event" (
    "id" BIGSERIAL NOT NULL,
    "warning_id" UUID NOT NULL,
    "event_key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "actor" TEXT,
    "reason" TEXT,
    "batch_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "warning_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "warning_open_key_key" ON "warning"("open_key");

-- CreateIndex
CREATE UNIQUE INDEX "warning_workflow_id_key" ON "warning"("workflow_id");

-- CreateIndex
CREATE INDEX "warning_county_code_stage_raised_at_idx" ON "warning"("county_code", "stage", "raised_at");

-- CreateIndex
CREATE INDEX "warning_id_number_hmac_idx" ON "warning"("id_number_hmac");

-- CreateIndex
CREATE INDEX "warning_last_batch_id_idx" ON "warning"("last_batch_id");

-- CreateIndex
CREATE UNIQUE INDEX "warning_event_warning_id_event_key_key" ON "warning_event"("warning_id", "event_key");

-- AddForeignKey
ALTER TABLE "warning_event" ADD CONSTRAINT "warning_event_warning_id_fkey" FOREIGN KEY ("warning_id") REFERENCES "warning"("id") ON DELETE CASCADE ON UPDATE CASCADE;

