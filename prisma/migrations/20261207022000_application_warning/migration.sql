-- An application opened from a monitoring warning's home verification names the warning.
ALTER TABLE "application" ADD COLUMN "warning_id" UUID;
