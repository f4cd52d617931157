#!/usr/bin/env bash
# Regenerates the screenshots of docs/console.md (docs/console/*.png): runs the console's browser flow (headless
# Debian Chromium, the Atlassian simulator, the embedded platform) with screenshots switched on.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/chromium ] || { echo "Needs Debian's chromium: apt-get install -y chromium" >&2; exit 1; }
CONSOLE_SCREENSHOTS="$PWD/docs/console" dotnet test tests/Console.Tests --filter "FullyQualifiedName~AdminDayTests"
ls docs/console/*.png
