#!/bin/sh
# Installs the DAP suite's client (tests/dap/node_modules: the DebugClient
# of @vscode/debugadapter-testsupport) from the npm registry, at the
# versions tests/dap/package-lock.json pins, when it is missing or older
# than the lock file. Node and npm come from scripts/install-deps.sh.
set -eu
cd "$(dirname "$0")/../tests/dap"
stamp=node_modules/.package-lock.json
if [ -f node_modules/@vscode/debugadapter-testsupport/package.json ] && [ "$stamp" -nt package-lock.json ]; then
    exit 0
fi
if ! command -v npm > /dev/null 2>&1; then
    echo "install-dap-client: no npm (scripts/install-deps.sh installs it)" >&2
    exit 1
fi
echo "install-dap-client: npm ci in tests/dap"
timeout 300 npm ci --no-audit --no-fund --loglevel=error
