#!/usr/bin/env bash
# Validates docker/compose.yml with `docker compose config` on a machine without a Docker
# engine or compose plugin: builds Compose v2 from the Go module proxy once (about 3 min on
# 2 cores), caches it outside the repo, installs it as the CLI plugin, and runs `config`
# with dummy secrets. Usage: bash docker/validate-compose.sh
set -euo pipefail
cd "$(dirname "$0")/.."

COMPOSE_VERSION=v2.40.3
cache="${SAFETYNET_CACHE_DIR:-$HOME/.cache/safetynet}/compose"
plugin="$HOME/.docker/cli-plugins/docker-compose"

if ! docker compose version >/dev/null 2>&1; then
  bin="$cache/docker-compose-$COMPOSE_VERSION"
  if [ ! -x "$bin" ]; then
    export PATH="$PATH:/usr/local/go/bin"
    # `go install ...@version` refuses this module (its go.mod has exclude directives), so
    # build it as the main module from its downloaded source.
    dir=$(go mod download -json "github.com/docker/compose/v2@$COMPOSE_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    src="$cache/src-$COMPOSE_VERSION"
    rm -rf "$src" && mkdir -p "$cache" && cp -r "$dir" "$src" && chmod -R u+w "$src"
    echo "building docker compose $COMPOSE_VERSION (first run only)..."
    (cd "$src" && nice go build -trimpath -ldflags "-w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" -o "$bin" ./cmd)
  fi
  mkdir -p "$(dirname "$plugin")" && cp "$bin" "$plugin"
fi
docker compose version

hex64=$(printf '0%.0s' $(seq 64))
env POSTGRES_PASSWORD=dummy SAFETYNET_DB_PASSWORD=dummy TEMPORAL_DB_PASSWORD=dummy \
    AUTH_JWT_SECRET=dummy-secret-at-least-32-characters PII_HMAC_KEY="$hex64" PII_ENCRYPTION_KEY="$hex64" \
    docker compose -f docker/compose.yml config --quiet
echo "docker/compose.yml: valid"
