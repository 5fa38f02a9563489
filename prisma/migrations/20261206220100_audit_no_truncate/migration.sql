-- Hand-written: Prisma does not model triggers. TRUNCATE fires no row trigger, so the
-- append-only rule (20261129123000_audit_append_only) needs a statement trigger of its own:
-- the audit trail is emptied by no role (a superuser who disables it is caught by the chain
-- heads the checkpoint workflow keeps in Temporal).
CREATE TRIGGER "audit_log_no_truncate"
  BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
