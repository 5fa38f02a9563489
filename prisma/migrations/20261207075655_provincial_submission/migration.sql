-- CreateTable
CREATE TABLE "provincial_submission" (
    "id" UUID NOT NULL,
    "submission_id" UUID NOT NULL,
    "county_code" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "dataset" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "submitted_by" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provincial_submission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "provincial_submission_county_code_period_idx" ON "provincial_submission"("county_code", "period");

-- CreateIndex
CREATE UNIQUE INDEX "provincial_submission_submission_id_dataset_key" ON "provincial_submission"("submission_id", "dataset");

