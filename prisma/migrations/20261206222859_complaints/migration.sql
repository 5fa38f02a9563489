-- CreateTable
CREATE TABLE "complaint" (
    "id" UUID NOT NULL,
    "receipt_hash" CHAR(64) NOT NULL,
    "channel" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "subject_ref" TEXT,
    "enrolled_case_id" UUID,
    "county_code" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "anonymous" BOOLEAN NOT NULL,
    "contact_sealed" TEXT,
    "submission_hash" CHAR(64),
    "recorded_by" TEXT,
    "stage" TEXT NOT NULL,
    "findings" TEXT,
    "reply" TEXT,
    "change_report_id" UUID,
    "workflow_id" TEXT,
    "due_at" TIMESTAMPTZ(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_event" (
    "id" BIGSERIAL NOT NULL,
    "complaint_id" UUID NOT NULL,
    "event_key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "actor" TEXT,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaint_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "complaint_receipt_hash_key" ON "complaint"("receipt_hash");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_workflow_id_key" ON "complaint"("workflow_id");

-- CreateIndex
CREATE INDEX "complaint_county_code_stage_registered_at_idx" ON "complaint"("county_code", "stage", "registered_at");

-- CreateIndex
CREATE INDEX "complaint_submission_hash_registered_at_idx" ON "complaint"("submission_hash", "registered_at");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_event_complaint_id_event_key_key" ON "complaint_event"("complaint_id", "event_key");

-- AddForeignKey
ALTER TABLE "complaint_event" ADD CONSTRAINT "complaint_event_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

