#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data volume
# (docker-entrypoint-initdb.d). One role per consumer, each owning only its databases:
#   safetynet -> database safetynet                        (the API and the worker)
#   temporal  -> databases temporal, temporal_visibility   (Temporal server; schema by auto-setup)
# Changing the passwords later needs ALTER ROLE by hand: this script never runs again.
set -euo pipefail

: "${SAFETYNET_DB_PASSWORD:?SAFETYNET_DB_PASSWORD is required}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is required}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v safetynet_pw="$SAFETYNET_DB_PASSWORD" -v temporal_pw="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE safetynet LOGIN PASSWORD :'safetynet_pw';
CREATE DATABASE safetynet OWNER safetynet ENCODING 'UTF8';
REVOKE ALL ON DATABASE safetynet FROM PUBLIC;

CREATE ROLE temporal LOGIN PASSWORD :'temporal_pw';
CREATE DATABASE temporal OWNER temporal ENCODING 'UTF8';
CREATE DATABASE temporal_visibility OWNER temporal ENCODING 'UTF8';
REVOKE ALL ON DATABASE temporal, temporal_visibility FROM PUBLIC;
SQL
