-- AlterTable
ALTER TABLE "referral" ADD COLUMN     "emergency_case_id" UUID,
ADD COLUMN     "employment_from" DATE,
ADD COLUMN     "employment_kind" TEXT,
ADD COLUMN     "employment_wage" DECIMAL(12,2);

-- CreateTable
CREATE TABLE "zero_employment_household" (
    "household_id" UUID NOT NULL,
    "enrolled_case_id" UUID NOT NULL,
    "county_code" TEXT NOT NULL,
    "township_code" TEXT,
    "members_capable" INTEGER NOT NULL,
    "since" DATE NOT NULL,
    "cleared_at" TIMESTAMPTZ(3),
    "cleared_reason" TEXT,
    "cleared_by_referral_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "zero_employment_household_pkey" PRIMARY KEY ("household_id")
);

-- CreateIndex
CREATE INDEX "zero_employment_household_county_code_cleared_at_idx" ON "zero_employment_household"("county_code", "cleared_at");

-- CreateIndex
CREATE INDEX "referral_emergency_case_id_idx" ON "referral"("emergency_case_id");

