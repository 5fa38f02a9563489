-- Hand-written: Prisma does not model triggers. A task or notification row written by any
-- process (the worker's activities, the API's claim and reassign) announces itself on the
-- channel "safetynet_live" when its transaction commits; the API's one LISTEN connection fans
-- the ids out to the open event streams (src/live). The payload carries ids, kinds and the
-- visibility fields the API filters on: never a name or an ID number.
CREATE FUNCTION "task_live_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('safetynet_live', json_build_object(
    'topic', 'task',
    'id', NEW."id",
    'kind', CASE
      WHEN TG_OP = 'INSERT' THEN 'TASK_OPENED'
      WHEN NEW."status" IN ('DONE', 'CANCELLED') AND OLD."status" IN ('OPEN', 'CLAIMED') THEN 'TASK_CLOSED'
      ELSE 'TASK_CHANGED' END,
    'role', NEW."candidate_role",
    'jurisdiction', NEW."jurisdiction",
    'department', NEW."department",
    'assignee', NEW."assignee",
    'previousAssignee', CASE WHEN TG_OP = 'UPDATE' THEN OLD."assignee" END
  )::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "task_live_insert"
  AFTER INSERT ON "task"
  FOR EACH ROW EXECUTE FUNCTION "task_live_notify"();

CREATE TRIGGER "task_live_update"
  AFTER UPDATE ON "task"
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "task_live_notify"();

CREATE FUNCTION "notification_live_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('safetynet_live', json_build_object(
    'topic', 'notification',
    'id', NEW."id",
    'kind', NEW."kind",
    'userId', NEW."recipient_user_id",
    'role', NEW."recipient_role",
    'jurisdiction', NEW."jurisdiction",
    'department', NEW."department"
  )::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "notification_live_insert"
  AFTER INSERT ON "notification"
  FOR EACH ROW EXECUTE FUNCTION "notification_live_notify"();
