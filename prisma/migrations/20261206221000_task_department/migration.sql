-- A referral's task names the department whose liaisons see it.
ALTER TABLE "task" ADD COLUMN "department" TEXT;

-- Tasks of referrals opened before this column: their referral's department.
UPDATE "task" SET "department" = r."department"
FROM "referral" r
WHERE "task"."case_kind" = 'REFERRAL' AND "task"."case_id" = r."id";
