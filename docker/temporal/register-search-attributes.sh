#!/bin/sh
# One-shot (service temporal-setup, image temporalio/admin-tools): waits until the Temporal
# frontend serves and the namespace exists, then registers the project's search attributes
# (src/core/search-attributes.ts). Idempotent: an attribute already present is skipped.
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
ATTRIBUTES="SafetyNetCategory SafetyNetCounty SafetyNetTownship"   # all Keyword

retry() { # retry <what> <command...>: up to 90 tries, 2 s apart (about 3 minutes)
  what=$1; shift; n=0
  until "$@" >/dev/null 2>&1; do
    n=$((n + 1))
    if [ "$n" -ge 90 ]; then echo "temporal-setup: gave up waiting for $what" >&2; exit 1; fi
    sleep 2
  done
}

serving() { temporal operator cluster health --address "$ADDRESS" | grep -q SERVING; }
namespace_ready() { temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE"; }

echo "temporal-setup: waiting for $ADDRESS"
retry "the Temporal frontend at $ADDRESS" serving
echo "temporal-setup: waiting for namespace $NAMESPACE (created by auto-setup)"
retry "namespace $NAMESPACE" namespace_ready

for name in $ATTRIBUTES; do
  n=0
  until temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE" | grep -qw "$name"; do
    n=$((n + 1))
    if [ "$n" -ge 30 ]; then echo "temporal-setup: could not register $name" >&2; exit 1; fi
    temporal operator search-attribute create --address "$ADDRESS" --namespace "$NAMESPACE" \
      --name "$name" --type Keyword || true
    sleep 2
  done
  echo "temporal-setup: search attribute $name (Keyword) registered in $NAMESPACE"
done
echo "temporal-setup: done"
