-- Hand-written: Prisma does not model triggers. The audit trail is append-only; an UPDATE
-- or DELETE is refused by the database itself (the hash chain detects anything that
-- bypasses this, e.g. a superuser disabling the trigger).
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END;
$$;

CREATE TRIGGER "audit_log_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
