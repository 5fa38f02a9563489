-- CreateTable
CREATE TABLE "recovery" (
    "id" UUID NOT NULL,
    "enrolled_case_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "county_code" TEXT NOT NULL,
    "source_kind" TEXT NOT NULL,
    "source_id" UUID NOT NULL,
    "finding_kind" TEXT NOT NULL,
    "finding" JSONB NOT NULL,
    "cause" TEXT NOT NULL,
    "correction" BOOLEAN NOT NULL DEFAULT false,
    "stage" TEXT NOT NULL,
    "closure" TEXT,
    "total" DECIMAL(12,2) NOT NULL,
    "repaid" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "instalments" JSONB,
    "write_off_reason" TEXT,
    "write_off_ref" TEXT,
    "workflow_id" TEXT NOT NULL,
    "opened_by" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "recovery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recovery_month" (
    "recovery_id" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "paid" DECIMAL(12,2) NOT NULL,
    "entitled" DECIMAL(12,2) NOT NULL,
    "overpaid" DECIMAL(12,2) NOT NULL,
    "explanation" JSONB NOT NULL,

    CONSTRAINT "recovery_month_pkey" PRIMARY KEY ("recovery_id","month")
);

-- CreateTable
CREATE TABLE "recovery_repayment" (
    "id" UUID NOT NULL,
    "recovery_id" UUID NOT NULL,
    "county_code" TEXT NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "paid_on" DATE NOT NULL,
    "reference" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "recovery_repayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recovery_event" (
    "id" BIGSERIAL NOT NULL,
    "recovery_id" UUID NOT NULL,
    "event_key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "actor" TEXT,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "recovery_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_record" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "county_code" TEXT NOT NULL,
    "source_kind" TEXT NOT NULL,
    "source_id" UUID NOT NULL,
    "recovery_id" UUID,
    "finding" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "credit_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "recovery_workflow_id_key" ON "recovery"("workflow_id");

-- CreateIndex
CREATE INDEX "recovery_county_code_stage_opened_at_idx" ON "recovery"("county_code", "stage", "opened_at");

-- CreateIndex
CREATE INDEX "recovery_enrolled_case_id_idx" ON "recovery"("enrolled_case_id");

-- CreateIndex
CREATE INDEX "recovery_repayment_recovery_id_idx" ON "recovery_repayment"("recovery_id");

-- CreateIndex
CREATE INDEX "recovery_repayment_county_code_paid_on_idx" ON "recovery_repayment"("county_code", "paid_on");

-- CreateIndex
CREATE UNIQUE INDEX "recovery_event_recovery_id_event_key_key" ON "recovery_event"("recovery_id", "event_key");

-- CreateIndex
CREATE UNIQUE INDEX "credit_record_recovery_id_key" ON "credit_record"("recovery_id");

-- CreateIndex
CREATE INDEX "credit_record_household_id_expires_at_idx" ON "credit_record"("household_id", "expires_at");

-- AddForeignKey
ALTER TABLE "recovery_month" ADD CONSTRAINT "recovery_month_recovery_id_fkey" FOREIGN KEY ("recovery_id") REFERENCES "recovery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recovery_repayment" ADD CONSTRAINT "recovery_repayment_recovery_id_fkey" FOREIGN KEY ("recovery_id") REFERENCES "recovery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recovery_event" ADD CONSTRAINT "recovery_event_recovery_id_fkey" FOREIGN KEY ("recovery_id") REFERENCES "recovery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

