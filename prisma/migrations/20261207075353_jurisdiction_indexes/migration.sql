-- CreateIndex
CREATE INDEX "application_township_code_stage_idx" ON "application"("township_code", "stage");

-- CreateIndex
CREATE INDEX "enrolled_case_township_code_status_idx" ON "enrolled_case"("township_code", "status");

-- CreateIndex
CREATE INDEX "warning_township_code_stage_idx" ON "warning"("township_code", "stage");

-- CreateIndex
CREATE INDEX "referral_township_code_stage_idx" ON "referral"("township_code", "stage");

