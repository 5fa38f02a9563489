-- CreateEnum
CREATE TYPE "HomeVisitKind" AS ENUM ('HOUSEHOLD', 'COUNTY');

-- CreateTable
CREATE TABLE "home_visit" (
    "id" BIGSERIAL NOT NULL,
    "application_id" UUID NOT NULL,
    "event_key" TEXT NOT NULL,
    "kind" "HomeVisitKind" NOT NULL,
    "investigators" TEXT[],
    "findings" TEXT NOT NULL,
    "household_signed" BOOLEAN,
    "self_care_assessment" JSONB,
    "recorded_by" TEXT NOT NULL,
    "recorded_role" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "home_visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "democratic_appraisal" (
    "id" BIGSERIAL NOT NULL,
    "application_id" UUID NOT NULL,
    "event_key" TEXT NOT NULL,
    "participants" INTEGER NOT NULL,
    "result" TEXT NOT NULL,
    "minutes" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_role" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "democratic_appraisal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "home_visit_application_id_event_key_key" ON "home_visit"("application_id", "event_key");

-- CreateIndex
CREATE UNIQUE INDEX "democratic_appraisal_application_id_event_key_key" ON "democratic_appraisal"("application_id", "event_key");

-- AddForeignKey
ALTER TABLE "home_visit" ADD CONSTRAINT "home_visit_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "democratic_appraisal" ADD CONSTRAINT "democratic_appraisal_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

