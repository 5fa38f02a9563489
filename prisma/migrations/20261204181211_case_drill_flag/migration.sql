-- AlterTable
ALTER TABLE "application" ADD COLUMN     "drill" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "enrolled_case" ADD COLUMN     "drill" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "emergency_case" ADD COLUMN     "drill" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "deliberation" ADD COLUMN     "drill" BOOLEAN NOT NULL DEFAULT false;

