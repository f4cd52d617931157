#!/usr/bin/env bash
# Renders every overlay with `kubectl kustomize` and validates the result offline against the Kubernetes 1.36 API
# schemas, for unknown fields and for the gateway's deployment rules (validator/validate.mjs). Then checks that the
# validator itself still refuses a deliberately broken render. Exit code 1 on any problem.
#   deploy/k8s/validate.sh            validate every overlay
#   deploy/k8s/validate.sh --list     also print each overlay's objects (kind/name)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
list=${1:-}

command -v kubectl >/dev/null || { echo "kubectl is missing (Debian: apt-get install kubectl)." >&2; exit 1; }
kustomize=$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p')
[ "${kustomize:-0}" -ge 5 ] || { echo "kubectl's built-in kustomize must be v5 or newer (kubectl 1.27+)." >&2; exit 1; }
[ -x "$here/validator/node_modules/.bin/node" ] || npm ci --no-audit --no-fund --prefix "$here/validator" >/dev/null
node="$here/validator/node_modules/.bin/node"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
for overlay in "$here"/overlays/*/; do
  name=$(basename "$overlay")
  echo "overlay $name:"
  if ! kubectl kustomize "$overlay" >"$out/$name.yaml" 2>"$out/$name.err"; then
    sed 's/^/  ✗ /' "$out/$name.err"
    status=1
    continue
  fi

  arguments=("$out/$name.yaml")
  [ -f "$overlay/secrets.required.yaml" ] && arguments+=(--required-secrets "$overlay/secrets.required.yaml")
  [ "$list" = --list ] && arguments+=(--list)
  "$node" "$here/validator/validate.mjs" "${arguments[@]}" || status=1
done

# The validator must keep refusing what it exists to catch: a misspelt field, a missing Secret, a floating image tag.
if [ -f "$out/production.yaml" ]; then
  echo "self-check: a deliberately broken production render must be refused:"
  sed -e '0,/readinessProbe:/s//readinesProbe:/' -e '0,/name: gateway-key-ring/s//name: gateway-keyring/' \
      -e '0,/\(image: .*\):0\.1\.0/s//\1:latest/' "$out/production.yaml" >"$out/broken.yaml"
  if "$node" "$here/validator/validate.mjs" "$out/broken.yaml" --required-secrets "$here/overlays/production/secrets.required.yaml" >"$out/broken.log"; then
    echo "  ✗ the validator accepted it" && status=1
  fi
  for expected in "'\"readinesProbe\"' does not exist" "Secret gateway-keyring is neither rendered" ":latest must carry a version tag"; do
    grep -qF "$expected" "$out/broken.log" && echo "  ✓ refused: …$expected…" || { echo "  ✗ not reported: $expected"; status=1; }
  done
fi

exit $status
