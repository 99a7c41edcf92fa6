#!/usr/bin/env bash
# Checks that the YAML language server (what VS Code, Neovim and Helix use for YAML) accepts the
# good fixtures and the built-in timeline under assets/timeline.schema.json.
#
#   scripts/check-schema.sh [FILE...]     (default: tests/fixtures/good/*.yaml timeline.yaml)
#
# Needs node and npm (and the npm registry, once: the server is installed in a cache directory,
# $TIMELINE_EXPLORER_TOOLS or ~/.cache/timeline-explorer-tools). Without them it says so and
# exits 0: it is a check for developers, not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "check-schema: skipped: node and npm are not installed"
  exit 0
fi
tools="${TIMELINE_EXPLORER_TOOLS:-$HOME/.cache/timeline-explorer-tools}/yls"
if [ ! -d "$tools/node_modules/yaml-language-server" ]; then
  mkdir -p "$tools"
  if ! (cd "$tools" && npm install --silent yaml-language-server@1 vscode-languageserver-textdocument >/dev/null 2>&1); then
    echo "check-schema: skipped: could not install yaml-language-server from the npm registry"
    exit 0
  fi
fi
if [ $# -eq 0 ]; then
  set -- tests/fixtures/good/*.yaml timeline.yaml
fi
echo "yaml-language-server $(node -p "require('$tools/node_modules/yaml-language-server/package.json').version")"
NODE_PATH="$tools/node_modules" node scripts/yls-validate.js assets/timeline.schema.json "$@"
