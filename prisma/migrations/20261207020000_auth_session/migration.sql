-- Session time-out (等级保护 level 3): when each token was last used, so one unused for the
-- idle time is refused; a signed-out token is ended. Keyed by the token's SHA-256, never the token.
CREATE TABLE "auth_session" (
    "key" CHAR(64) NOT NULL,
    "user_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "auth_session_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "auth_session_last_seen_at_idx" ON "auth_session"("last_seen_at");
