#!/usr/bin/env bash
# Publishes one service the way its container image carries it: self-contained for one runtime identifier, with
# llama.cpp's native libraries for that RID only (runtimes/<rid>/native/). The Dockerfiles and the arm64 smoke test
# (deploy/arm64/smoke.sh) both call this, so what the emulated test runs is what an image would carry.
#   deploy/publish.sh <promptapi|modelstore|evaluator> <linux-x64|linux-arm64> <output folder>
# EDGEASPIRE_ARTIFACTS, when set, keeps this build's bin/obj there instead of beside the sources (the smoke test
# uses it so its publish never races a build of the same projects).
set -euo pipefail
cd "$(dirname "$0")/.."

service=${1:-}; rid=${2:-}; output=${3:-}
case "$service" in
  promptapi) project=src/EdgeAspire.PromptApi/EdgeAspire.PromptApi.csproj ;;
  modelstore) project=src/EdgeAspire.ModelStore/EdgeAspire.ModelStore.csproj ;;
  evaluator) project=src/EdgeAspire.Evaluator/EdgeAspire.Evaluator.csproj ;;
  *) echo "usage: deploy/publish.sh <promptapi|modelstore|evaluator> <linux-x64|linux-arm64> <output folder>" >&2; exit 2 ;;
esac
case "$rid" in
  linux-x64|linux-arm64) ;;
  *) echo "deploy/publish.sh: runtime identifier must be linux-x64 or linux-arm64, not '$rid'" >&2; exit 2 ;;
esac
[ -n "$output" ] || { echo "deploy/publish.sh: name an output folder" >&2; exit 2; }

artifacts=()
[ -n "${EDGEASPIRE_ARTIFACTS:-}" ] && artifacts=(--artifacts-path "$EDGEASPIRE_ARTIFACTS")
exec dotnet publish "$project" -c Release -r "$rid" --self-contained -p:LlamaNativeRids="$rid" \
  "${artifacts[@]}" -o "$output" -nologo -v quiet
