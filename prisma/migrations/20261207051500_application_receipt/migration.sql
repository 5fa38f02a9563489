-- AlterTable
ALTER TABLE "application" ADD COLUMN     "receipt_code" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "application_receipt_code_key" ON "application"("receipt_code");
