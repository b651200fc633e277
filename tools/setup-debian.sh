#!/usr/bin/env bash
# Install agrosim's build, test and plotting dependencies from Debian's packages.
# Idempotent: quiet and quick when everything is already present.
set -euo pipefail
case "${1-}" in
  -h|--help)
    echo "usage: bash tools/setup-debian.sh"
    echo "Install with apt-get (sudo when not root) the Debian packages agrosim needs to build, test"
    echo "and plot that are missing; prints nothing when all are installed."
    exit 0 ;;
  "") ;;
  *) echo "setup-debian.sh: unknown argument '$1' (it takes none; --help)" >&2; exit 2 ;;
esac
pkgs=(build-essential cmake pkg-config libgsl-dev libhdf5-dev hdf5-tools libcriterion-dev
      libcjson-dev python3 python3-numpy python3-h5py python3-pytest python3-matplotlib
      python3-pyflakes locales)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "agrosim setup: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
