#!/usr/bin/env bash
# Sets rpf up on a bare machine: installs whatever is missing — pnpm, the Debian packages the
# tests and figures need (when running as root, or with password-less sudo, on apt), the workspace
# — and builds it. Safe to run again: each step checks first and skips what is already there.
#
#   bash tooling/setup.sh            install what is missing, then build
#   bash tooling/setup.sh --bench    also the benchmark peer (PyTorch and SciPy from Debian)
#   bash tooling/setup.sh --dry-run  only say what would be installed (exit 0)
#
# The README's quick start and .ci/run both call this script, so there is one list of what rpf needs.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly PNPM_VERSION="12.4.2"
readonly NODE_MAJOR_MIN=20
readonly NODE_MINOR_MIN=19

# Debian packages, each with the file that shows it is installed and why rpf needs it.
# fonts-dejavu-core: text in the PNG figures (resvg renders none without a system font).
# chromium: the browser tests (playwright-core drives Debian's build; it cannot download browsers here).
# Its recommends (udev, upower, printing, notifications) are not needed headless.
# redis-server: the queue tests and bench start their own (@rpf/queue runs jobs on BullMQ over Redis).
debian_packages=(
  "fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
  "chromium:/usr/bin/chromium"
  "redis-server:/usr/bin/redis-server"
)

dry_run=false
for argument in "$@"; do
  case "$argument" in
    --dry-run) dry_run=true ;;
    --bench)
      debian_packages+=(
        "python3-torch:/usr/lib/python3/dist-packages/torch/__init__.py"
        "python3-scipy:/usr/lib/python3/dist-packages/scipy/__init__.py"
      )
      ;;
    *)
      echo "setup: unknown option '$argument' (accepted: --dry-run, --bench)" >&2
      exit 2
      ;;
  esac
done

say() { echo "setup: $*"; }

run() {
  if $dry_run; then say "would run: $*"; else "$@"; fi
}

# Node.js is the one thing this script does not install: which build a machine should carry is the
# owner's choice (Debian's nodejs package is older than rpf needs).
if ! command -v node >/dev/null 2>&1; then
  say "Node.js >= ${NODE_MAJOR_MIN}.${NODE_MINOR_MIN} is required and was not found on PATH" >&2
  exit 1
fi
node_version="$(node --version)"
IFS=. read -r node_major node_minor _ <<<"${node_version#v}"
if ((node_major < NODE_MAJOR_MIN || (node_major == NODE_MAJOR_MIN && node_minor < NODE_MINOR_MIN))); then
  say "Node.js >= ${NODE_MAJOR_MIN}.${NODE_MINOR_MIN} is required, found ${node_version}" >&2
  exit 1
fi

missing=()
for entry in "${debian_packages[@]}"; do
  [ -e "${entry#*:}" ] || missing+=("${entry%%:*}")
done
if ((${#missing[@]} > 0)); then
  can_install=true
  as_root=()
  if ! command -v apt-get >/dev/null 2>&1; then
    can_install=false
  elif [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root=(sudo -n); else can_install=false; fi
  fi
  if $can_install; then
    say "installing Debian packages: ${missing[*]}"
    run "${as_root[@]}" apt-get update
    run "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  else
    say "missing ${missing[*]}, and this user cannot install them; as root on Debian:" >&2
    say "  apt-get install --no-install-recommends ${missing[*]}   (continuing without them)" >&2
  fi
fi

# pnpm: corepack cannot verify the registry's signatures here, so the pinned version comes from npm.
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  say "installing pnpm ${PNPM_VERSION}"
  run npm install -g "pnpm@${PNPM_VERSION}"
fi

run pnpm install --frozen-lockfile
run pnpm build
$dry_run || say "ready: 'pnpm rpf reproduce' runs the seed notebook's experiments, 'pnpm test' the tests"
