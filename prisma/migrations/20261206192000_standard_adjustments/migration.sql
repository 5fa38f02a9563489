-- CreateTable
CREATE TABLE "standard_adjustment" (
    "id" UUID NOT NULL,
    "parameter_id" TEXT NOT NULL,
    "version_id" UUID NOT NULL,
    "effective_date" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "requested_by" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "standard_adjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "standard_adjustment_case" (
    "adjustment_id" UUID NOT NULL,
    "enrolled_case_id" UUID NOT NULL,
    "county_code" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "old_amount" DECIMAL(12,2) NOT NULL,
    "new_amount" DECIMAL(12,2) NOT NULL,
    "back_pay" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "standard_adjustment_case_pkey" PRIMARY KEY ("adjustment_id","enrolled_case_id")
);

-- CreateTable
CREATE TABLE "adjustment_back_pay" (
    "id" UUID NOT NULL,
    "adjustment_id" UUID NOT NULL,
    "enrolled_case_id" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "paid_amount" DECIMAL(12,2) NOT NULL,
    "new_amount" DECIMAL(12,2) NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "county_code" TEXT NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'PENDING',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "adjustment_back_pay_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "standard_adjustment_case_adjustment_id_county_code_idx" ON "standard_adjustment_case"("adjustment_id", "county_code");

-- CreateIndex
CREATE UNIQUE INDEX "adjustment_back_pay_adjustment_id_enrolled_case_id_month_key" ON "adjustment_back_pay"("adjustment_id", "enrolled_case_id", "month");

-- CreateIndex
CREATE INDEX "adjustment_back_pay_enrolled_case_id_idx" ON "adjustment_back_pay"("enrolled_case_id");
