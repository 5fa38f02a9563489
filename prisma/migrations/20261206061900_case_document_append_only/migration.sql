-- Hand-written: Prisma does not model triggers. An archived document is never changed or
-- deleted, only superseded by a newer row (a file has the same force as paper).
CREATE FUNCTION "case_document_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_document is append-only (% refused)', TG_OP;
END;
$$;

CREATE TRIGGER "case_document_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "case_document"
  FOR EACH ROW EXECUTE FUNCTION "case_document_append_only"();
