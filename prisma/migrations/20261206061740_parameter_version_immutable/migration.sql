-- Hand-written: Prisma does not model triggers. A parameter version, once written (shipped
-- or approved), is never changed or removed: decisions cite it by id and version.
CREATE FUNCTION "parameter_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'parameter_version is immutable (% refused)', TG_OP;
END;
$$;

CREATE TRIGGER "parameter_version_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "parameter_version"
  FOR EACH ROW EXECUTE FUNCTION "parameter_version_immutable"();
