-- AlterTable
ALTER TABLE "population_record" ADD COLUMN     "division_code" TEXT,
ADD COLUMN     "hardship" TEXT,
ADD COLUMN     "recorded_by" TEXT,
ALTER COLUMN "batch_id" DROP NOT NULL,
ALTER COLUMN "row" DROP NOT NULL;

-- CreateTable
CREATE TABLE "population_record_change" (
    "id" UUID NOT NULL,
    "record_id" UUID NOT NULL,
    "change_key" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "occurred_on" DATE NOT NULL,
    "batch_id" UUID,
    "recorded_by" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "population_record_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "population_record_change_record_id_change_key_key" ON "population_record_change"("record_id", "change_key");

-- CreateIndex
CREATE INDEX "population_record_change_record_id_occurred_on_idx" ON "population_record_change"("record_id", "occurred_on");

-- AddForeignKey
ALTER TABLE "population_record_change" ADD CONSTRAINT "population_record_change_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "population_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;
