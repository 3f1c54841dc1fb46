#!/usr/bin/env bash
# Runs EdgeAspire's linux-arm64 build on an x64 machine under QEMU user-mode emulation of a Cortex-A76, the
# Raspberry Pi 5's core. It checks correctness and packaging (the native libraries, the CPU backend llama.cpp picks,
# the outputs), not Pi speed: emulation is tens of times slower than the real core.
#
#   deploy/arm64/smoke.sh                   prepare, publish the PromptApi, serve a model, one greedy chat (by hand)
#   deploy/arm64/smoke.sh prepare           the Debian 12 arm64 sysroot (libc, libstdc++, libgcc, libssl), cached
#   deploy/arm64/smoke.sh publish [svc...]  deploy/publish.sh for linux-arm64 (promptapi modelstore evaluator)
#   deploy/arm64/smoke.sh run <svc> [args]  one published service under qemu-aarch64-static -cpu cortex-a76
#
# Everything lands in artifacts/arm64 (ignored by git), or in EDGEASPIRE_ARM64 when set. Needs Debian's apt-get and
# qemu-user-static (`apt-get install qemu-user-static`). The sysroot's packages are downloaded with apt's state kept
# in that folder: the machine's dpkg architectures and package lists are left as they are.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
home=${EDGEASPIRE_ARM64:-$repo/artifacts/arm64}
sysroot=$home/sysroot
qemu=${EDGEASPIRE_QEMU:-qemu-aarch64-static}
packages=(libc6 libstdc++6 libgcc-s1 libssl3)
services=(promptapi modelstore evaluator)

die() { echo "smoke.sh: $*" >&2; exit 1; }

prepare() {
  [ -f "$sysroot/.complete" ] && return 0
  command -v apt-get >/dev/null || die "apt-get is needed to download the arm64 sysroot (Debian 12 packages)"
  local apt=$home/apt
  rm -rf "$sysroot" "$apt"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs" "$sysroot"
  # apt's own state in our folder and arm64 as the only architecture: nothing is added to the machine's dpkg.
  local options=(-o APT::Architectures::=arm64 -o APT::Architecture=arm64 -o "Dir::State::Lists=$apt/lists"
    -o "Dir::Cache=$apt/cache" -o Dir::State::status=/dev/null -o Debug::NoLocking=true)
  [ "$(id -u)" = 0 ] && options+=(-o APT::Sandbox::User=root)
  apt-get "${options[@]}" update -qq >"$apt/update.log" 2>&1 || die "apt-get update for arm64 failed (see $apt/update.log)"
  (cd "$apt/debs" && apt-get "${options[@]}" download "${packages[@]}" >"$apt/download.log" 2>&1) \
    || die "apt-get download ${packages[*]} for arm64 failed (see $apt/download.log)"
  for deb in "$apt/debs"/*.deb; do dpkg-deb -x "$deb" "$sysroot"; done
  (cd "$apt/debs" && ls) >"$sysroot/.complete"
  rm -rf "$apt/lists" "$apt/cache"
}

publish() {
  local service
  for service in "${@:-${services[@]}}"; do
    EDGEASPIRE_ARTIFACTS=$home/build "$repo/deploy/publish.sh" "$service" linux-arm64 "$home/publish/$service"
  done
}

executable() {
  case "$1" in
    promptapi) echo "$home/publish/promptapi/EdgeAspire.PromptApi" ;;
    modelstore) echo "$home/publish/modelstore/EdgeAspire.ModelStore" ;;
    evaluator) echo "$home/publish/evaluator/edgeaspire-eval" ;;
    *) die "no service '$1' (one of: ${services[*]})" ;;
  esac
}

run() {
  [ $# -ge 1 ] || die "run needs a service (one of: ${services[*]})"
  command -v "$qemu" >/dev/null || die "$qemu is not installed (Debian: apt-get install qemu-user-static)"
  [ -f "$sysroot/.complete" ] || die "no sysroot yet: run deploy/arm64/smoke.sh prepare"
  local program; program=$(executable "$1"); shift
  [ -x "$program" ] || die "$program is not published yet: run deploy/arm64/smoke.sh publish"
  # No ICU in the sysroot. W^X double-mapping of JIT code crashes the runtime under qemu-user ("Internal CLR
  # error" in the first reflection stub), so it is off here; a real Pi keeps the default.
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_EnableWriteXorExecute=0
  exec "$qemu" -cpu cortex-a76 -L "$sysroot" "$program" "$@"
}

by_hand() {
  prepare
  publish promptapi
  local models=$home/models port=${PORT:-5391}
  mkdir -p "$models"
  if [ ! -f "$models/tiny.gguf" ]; then
    dotnet run --project "$repo/src/EdgeAspire.Evaluator" -c Release -- synth --preset tiny --type Q4_0 \
      --output "$models/tiny.gguf" >/dev/null
  fi
  "$0" run promptapi --urls "http://127.0.0.1:$port" --PromptApi:ModelsPath="$models" >"$home/promptapi.log" 2>&1 &
  local server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    kill -0 $server 2>/dev/null || die "the arm64 PromptApi exited (see $home/promptapi.log)"
    sleep 1
  done
  grep -o 'CPU backend [^;]*' "$home/promptapi.log" | head -1
  curl -sf "http://127.0.0.1:$port/v1/chat/completions" -H 'Content-Type: application/json' \
    -d '{"model":"tiny","messages":[{"role":"user","content":"Hello"}],"max_tokens":16,"temperature":0}'
  echo
}

case "${1:-}" in
  "") by_hand ;;
  prepare) prepare ;;
  publish) shift; prepare; publish "$@" ;;
  run) shift; run "$@" ;;
  *) die "unknown command '$1' (prepare, publish, run, or none)" ;;
esac
