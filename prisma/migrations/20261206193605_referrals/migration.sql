-- CreateTable
CREATE TABLE "referral" (
    "id" UUID NOT NULL,
    "open_key" TEXT,
    "origin" TEXT NOT NULL,
    "member_ref" TEXT NOT NULL,
    "id_number_masked" TEXT,
    "enrolled_case_id" UUID,
    "warning_id" UUID,
    "category" TEXT,
    "entitlement" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "township_code" TEXT,
    "time_limit_working_days" INTEGER NOT NULL,
    "periodicity" TEXT NOT NULL,
    "amount_required" BOOLEAN NOT NULL,
    "year" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "outcome" TEXT,
    "delivered_what" TEXT,
    "delivered_amount" DECIMAL(12,2),
    "period_from" DATE,
    "period_to" DATE,
    "decline_reason" TEXT,
    "workflow_id" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral_event" (
    "id" BIGSERIAL NOT NULL,
    "referral_id" UUID NOT NULL,
    "event_key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "actor" TEXT,
    "detail" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "referral_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "referral_open_key_key" ON "referral"("open_key");

-- CreateIndex
CREATE UNIQUE INDEX "referral_workflow_id_key" ON "referral"("workflow_id");

-- CreateIndex
CREATE INDEX "referral_county_code_entitlement_stage_outcome_idx" ON "referral"("county_code", "entitlement", "stage", "outcome");

-- CreateIndex
CREATE INDEX "referral_department_county_code_stage_idx" ON "referral"("department", "county_code", "stage");

-- CreateIndex
CREATE INDEX "referral_enrolled_case_id_idx" ON "referral"("enrolled_case_id");

-- CreateIndex
CREATE UNIQUE INDEX "referral_event_referral_id_event_key_key" ON "referral_event"("referral_id", "event_key");

-- AddForeignKey
ALTER TABLE "referral_event" ADD CONSTRAINT "referral_event_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

