#!/usr/bin/env bash
# `pnpm test:net`: the tests that need root, podman and the images (vitest project `net`):
# deploy/k8s under podman kube play. Builds what is missing first (scripts/images.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/images.sh
command -v kubectl >/dev/null 2>&1 || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null
}
pnpm --silent k8s:secrets
exec npx vitest run --project net "$@"
