-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "disabled" BOOLEAN NOT NULL DEFAULT false;

