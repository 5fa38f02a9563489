-- Notifications (a new task, a reminder, an escalation) addressed to a user or to a role
-- within a jurisdiction, who has read them, and the text messages the embedded SMS gateway records.
-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient_user_id" TEXT,
    "recipient_role" "Role",
    "jurisdiction" TEXT,
    "department" TEXT,
    "task_id" UUID,
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sms_sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_read" (
    "notification_id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_read_pkey" PRIMARY KEY ("notification_id","user_id")
);

-- CreateTable
CREATE TABLE "sms_message" (
    "id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notification_recipient_user_id_created_at_idx" ON "notification"("recipient_user_id", "created_at");

-- CreateIndex
CREATE INDEX "notification_recipient_role_jurisdiction_created_at_idx" ON "notification"("recipient_role", "jurisdiction", "created_at");

-- CreateIndex
CREATE INDEX "notification_task_id_idx" ON "notification"("task_id");

-- CreateIndex
CREATE INDEX "notification_read_user_id_idx" ON "notification_read"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sms_message_notification_id_key" ON "sms_message"("notification_id");

-- AddForeignKey
ALTER TABLE "notification_read" ADD CONSTRAINT "notification_read_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
