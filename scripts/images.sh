#!/usr/bin/env bash
# `pnpm images`: builds the three ClusterGraph images (gateway, cluster, member) from the
# standard Containerfile with podman, never pulling (--pull=never).
#
# Where the public registries cannot be reached (this project's machines), the base image
# docker.io/library/node:20-bookworm-slim is a stand-in made here from Debian's own packages:
# mmdebstrap of Debian trixie (nodejs 20.19 + npm), imported and tagged with the base name,
# so the same Containerfile builds here and for real users. Installs what it needs (podman,
# buildah, mmdebstrap, runc) with apt-get; needs root.
#
#   scripts/images.sh [gateway|cluster|member ...]   (default: all three)
#   IMAGE_TAG=dev (default)   IMAGE_PREFIX=localhost/clustergraph (default)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

export CONTAINERS_CONF="$ROOT/deploy/podman/containers.conf"
BASE_IMAGE=docker.io/library/node:20-bookworm-slim
STANDIN_RAW=localhost/clustergraph/debian-trixie-nodejs:raw
IMAGE_PREFIX=${IMAGE_PREFIX:-localhost/clustergraph}
IMAGE_TAG=${IMAGE_TAG:-dev}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(gateway cluster member)

log() { echo "images: $*" >&2; }

if [ "$(id -u)" != 0 ]; then
  echo "images: run as root (podman here runs rootful with runc)" >&2
  exit 1
fi

need=()
for tool in podman buildah mmdebstrap runc; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! podman image exists "$BASE_IMAGE"; then
  if podman pull --quiet "$BASE_IMAGE" >/dev/null 2>&1; then
    log "pulled $BASE_IMAGE"
  else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    if ! podman image exists "$STANDIN_RAW"; then
      log "no registry for $BASE_IMAGE: building the stand-in from Debian trixie (mmdebstrap, a few minutes)"
      mmdebstrap --quiet --variant=minbase --include=nodejs,npm,ca-certificates --aptopt='Acquire::Retries "3"' \
        trixie "$work/rootfs.tar" "$DEBIAN_MIRROR"
      podman import --quiet --change 'CMD ["node"]' "$work/rootfs.tar" "$STANDIN_RAW" >/dev/null
      rm -f "$work/rootfs.tar"
    fi
    # This host's own extra certificate authorities (a TLS-inspecting egress, say) go into the
    # stand-in, so that the build stage's npm reaches the registry as the host does. A real
    # node:20-bookworm-slim needs nothing of the kind.
    mkdir -p "$work/ca"
    cp /usr/local/share/ca-certificates/*.crt "$work/ca/" 2>/dev/null || true
    printf '%s\n' "FROM $STANDIN_RAW" 'COPY ca/ /usr/local/share/ca-certificates/' \
      'RUN update-ca-certificates >/dev/null 2>&1 || true' \
      'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' 'CMD ["node"]' >"$work/Containerfile"
    podman build --quiet --pull=never --format docker -t "$BASE_IMAGE" "$work" >/dev/null
    log "stand-in $BASE_IMAGE: node $(podman run --rm "$BASE_IMAGE" node --version)"
  fi
fi

# PostgreSQL for deploy/k8s (each firm's own database): the official image, or a stand-in.
PG_IMAGE=docker.io/library/postgres:17
if ! podman image exists "$PG_IMAGE" && ! podman pull --quiet "$PG_IMAGE" >/dev/null 2>&1; then
  log "no registry for $PG_IMAGE: building the stand-in (deploy/postgres-standin, Debian trixie's PostgreSQL 17)"
  podman image exists "$STANDIN_RAW" || podman tag "$BASE_IMAGE" "$STANDIN_RAW"
  podman build --quiet --pull=never --format docker --network host -t "$PG_IMAGE" deploy/postgres-standin >/dev/null
fi

for target in "${targets[@]}"; do
  case "$target" in gateway | cluster | member) ;; *) echo "images: unknown target $target" >&2; exit 2 ;; esac
  started=$(date +%s)
  # --format docker keeps the HEALTHCHECK (the OCI image format has no field for it).
  # --network host: the build stage's `pnpm install` reaches the npm registry as this host does.
  podman build --quiet --pull=never --format docker --network host --target "$target" \
    -t "$IMAGE_PREFIX/$target:$IMAGE_TAG" -f Containerfile . >/dev/null
  log "$IMAGE_PREFIX/$target:$IMAGE_TAG built in $(($(date +%s) - started)) s"
done
