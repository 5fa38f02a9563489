-- CreateIndex
CREATE INDEX "member_name_pattern_idx" ON "member"("name" text_pattern_ops);

-- CreateIndex
CREATE INDEX "application_county_code_created_at_idx" ON "application"("county_code", "created_at");

-- CreateIndex
CREATE INDEX "application_stage_due_at_idx" ON "application"("stage_due_at");

-- CreateIndex
CREATE INDEX "application_overdue_idx" ON "application"("overdue");

-- CreateIndex
CREATE INDEX "task_county_sla_idx" ON "task"("county_code", "created_at", "type", "status", "due_at", "completed_at", "reminder_sent_at");

-- CreateIndex
CREATE INDEX "population_record_name_pattern_idx" ON "population_record"("name" text_pattern_ops);

