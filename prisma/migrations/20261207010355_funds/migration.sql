-- AlterTable
ALTER TABLE "payment_instruction" ADD COLUMN     "bank_reference" TEXT,
ADD COLUMN     "bank_return_id" UUID,
ADD COLUMN     "paid_amount" DECIMAL(12,2),
ADD COLUMN     "paid_on" TEXT,
ADD COLUMN     "paid_times" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "bank_return" (
    "id" UUID NOT NULL,
    "county_code" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bank_return_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fund_check" (
    "id" UUID NOT NULL,
    "county_code" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "findings" JSONB NOT NULL,
    "task_id" UUID,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fund_check_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "bank_return_county_code_sha256_key" ON "bank_return"("county_code", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "fund_check_county_code_month_key" ON "fund_check"("county_code", "month");


-- Instructions reconciled PAID before these columns existed were paid in full, once.
UPDATE "payment_instruction" SET "paid_amount" = "amount", "paid_times" = 1 WHERE "status" = 'PAID';
