#!/usr/bin/env bash
# Installs what tools/deploy-checks needs outside node_modules, into a cache outside the repository
# (idempotent; `.ci/run` calls it):
#   helm             go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION  (Go module proxy; Debian has no package)
#   Kubernetes JSON  the PyPI package kubernetes-validate, in a virtualenv (its bundled schemas only)
set -euo pipefail
CACHE="${VOLTLANE_TOOL_CACHE:-$HOME/.cache/voltlane}"
HELM_VERSION=v3.21.4                # keep in step with HELM_VERSION in src/toolchain.ts
KUBERNETES_VALIDATE_VERSION=1.37.0  # ships schemas for Kubernetes 1.25 … 1.37
log() { printf '[deploy-tools] %s\n' "$*"; }
mkdir -p "$CACHE/bin"

if [ -x "$CACHE/bin/helm" ] && "$CACHE/bin/helm" version --short 2>/dev/null | grep -q "${HELM_VERSION%.*}"; then
  log "helm present: $("$CACHE/bin/helm" version --short)"
else
  if ! command -v go >/dev/null; then
    for dir in /usr/local/go/bin /usr/lib/go/bin; do [ -x "$dir/go" ] && PATH="$dir:$PATH"; done
  fi
  command -v go >/dev/null || { log "Go is required to build helm (apt-get install golang-go)"; exit 1; }
  log "building helm $HELM_VERSION with $(go version)"
  GOBIN="$CACHE/bin" CGO_ENABLED=0 \
    go install -ldflags "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
fi

VENV="$CACHE/k8s-venv"
if "$VENV/bin/python" -c "import kubernetes_validate, sys; sys.exit(0 if kubernetes_validate.version.__version__ == '$KUBERNETES_VALIDATE_VERSION' else 1)" 2>/dev/null; then
  log "kubernetes-validate $KUBERNETES_VALIDATE_VERSION present"
else
  PYTHON="$(command -v python3 || true)"
  [ -n "$PYTHON" ] || { log "python3 is required for the Kubernetes schemas"; exit 1; }
  if ! "$PYTHON" -m venv --help >/dev/null 2>&1; then
    log "python3 venv module missing"; exit 1
  fi
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  log "kubernetes-validate $KUBERNETES_VALIDATE_VERSION installed in $VENV"
fi
