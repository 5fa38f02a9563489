-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DivisionLevel" AS ENUM ('CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'DEPARTMENT_LIAISON', 'AUDITOR', 'ADMINISTRATOR');

-- CreateEnum
CREATE TYPE "Area" AS ENUM ('URBAN', 'RURAL');

-- CreateTable
CREATE TABLE "division" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "DivisionLevel" NOT NULL,
    "parent_code" TEXT,

    CONSTRAINT "division_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "department" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "household" (
    "id" UUID NOT NULL,
    "division_code" TEXT NOT NULL,
    "area" "Area" NOT NULL,
    "address" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "id_number_hmac" TEXT NOT NULL,
    "id_number_encrypted" TEXT NOT NULL,
    "id_number_masked" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "sex" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "labour_capacity" TEXT NOT NULL,
    "disability_type" TEXT,
    "disability_grade" INTEGER,
    "serious_illness" BOOLEAN NOT NULL DEFAULT false,
    "employed" BOOLEAN NOT NULL DEFAULT false,
    "student" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "submitted_by" TEXT NOT NULL,
    "idempotency_key" TEXT,
    "intake_recorded_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "reason" TEXT,
    "request_id" TEXT,
    "details" JSONB,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "division_parent_code_idx" ON "division"("parent_code");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE INDEX "household_division_code_idx" ON "household"("division_code");

-- CreateIndex
CREATE UNIQUE INDEX "member_id_number_hmac_key" ON "member"("id_number_hmac");

-- CreateIndex
CREATE INDEX "member_household_id_idx" ON "member"("household_id");

-- CreateIndex
CREATE UNIQUE INDEX "application_workflow_id_key" ON "application"("workflow_id");

-- CreateIndex
CREATE INDEX "application_county_code_stage_idx" ON "application"("county_code", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "application_submitted_by_idempotency_key_key" ON "application"("submitted_by", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_hash_key" ON "audit_log"("hash");

-- CreateIndex
CREATE INDEX "audit_log_target_type_target_id_idx" ON "audit_log"("target_type", "target_id");

-- AddForeignKey
ALTER TABLE "division" ADD CONSTRAINT "division_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "division"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_jurisdiction_code_fkey" FOREIGN KEY ("jurisdiction_code") REFERENCES "division"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household" ADD CONSTRAINT "household_division_code_fkey" FOREIGN KEY ("division_code") REFERENCES "division"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member" ADD CONSTRAINT "member_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application" ADD CONSTRAINT "application_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

