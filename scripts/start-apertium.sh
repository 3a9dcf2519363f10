#!/usr/bin/env bash
# Installs (when missing) and starts an Apertium APY translation server for comment translation.
# Usage: scripts/start-apertium.sh [port] [pairs...]   (defaults: 2737, eng-spa)
# Then run LiveHost with Translation__Provider=apertium (and Translation__Url=http://127.0.0.1:<port>).
set -euo pipefail
port="${1:-2737}"
shift || true
pairs=("${@:-eng-spa}")

packages=()
command -v apertium-apy >/dev/null 2>&1 || packages+=(apertium-apy)
for pair in "${pairs[@]}"; do
  [ -e "/usr/share/apertium/modes/${pair}.mode" ] || packages+=("apertium-${pair}")
done
if [ "${#packages[@]}" -gt 0 ]; then
  echo "Installing ${packages[*]}..."
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
fi

echo "Apertium APY on http://127.0.0.1:${port} (pairs: $(ls /usr/share/apertium/modes | grep -E '^[a-z]{3}-[a-z]{3}\.mode$' | sed 's/\.mode$//' | tr '\n' ' '))"
exec apertium-apy -p "$port" /usr/share/apertium/modes
