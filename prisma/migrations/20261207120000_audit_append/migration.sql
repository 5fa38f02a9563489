-- Hand-written: Prisma does not model functions. Appends one row to an audit hash chain in
-- one statement: takes the chain's transaction-scoped advisory lock (serialising the appends of
-- one chain until the caller's transaction commits), then reads the chain's last hash and
-- inserts the row linked to it. The function is VOLATILE, so in READ COMMITTED each statement
-- in it takes a new snapshot: the read after the lock sees every row committed before the
-- lock was granted, so no two rows can name the same predecessor (no forks). The row hash is
-- sha256 over '["<prevHash>",' || p_rest, p_rest being the canonical JSON of the row's other
-- hashed fields without its opening bracket (src/audit/audit-log.ts prepares it).
CREATE FUNCTION "audit_append"(
  p_lock int4,
  p_at timestamptz,
  p_actor_id text,
  p_role text,
  p_action text,
  p_target_type text,
  p_target_id text,
  p_reason text,
  p_request_id text,
  p_details jsonb,
  p_chain int2,
  p_rest text
) RETURNS TABLE (seq bigint, hash text) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(p_lock, p_chain);
  SELECT coalesce(
    (SELECT a.hash FROM audit_log a WHERE a.chain = p_chain ORDER BY a.seq DESC LIMIT 1),
    repeat('0', 64)
  ) INTO prev;
  RETURN QUERY
    INSERT INTO audit_log AS a (at, actor_id, role, action, target_type, target_id, reason, request_id, details, chain, prev_hash, hash)
    VALUES (p_at, p_actor_id, p_role, p_action, p_target_type, p_target_id, p_reason, p_request_id, p_details, p_chain, prev,
            encode(sha256(convert_to('["' || prev || '",' || p_rest, 'UTF8')), 'hex'))
    RETURNING a.seq, a.hash;
END
$$;
