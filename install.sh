#!/usr/bin/env bash
# Builds BackupTool and installs the `backup` command as a .NET global tool from this checkout.
# Usage: ./install.sh           (run again to update an installed copy)
set -euo pipefail
cd "$(dirname "$0")"

dotnet pack src/BackupTool.Cli -c Release -o artifacts/packages
if dotnet tool list --global | grep -qi '^backuptool '; then
    dotnet tool update --global BackupTool --add-source artifacts/packages --ignore-failed-sources
else
    dotnet tool install --global BackupTool --add-source artifacts/packages --ignore-failed-sources
fi

tools="$HOME/.dotnet/tools"
case ":$PATH:" in
    *":$tools:"*) echo "Installed: run 'backup --help'." ;;
    *) echo "Installed in $tools, which is not on your PATH. Add it with:"
       echo "  export PATH=\"\$PATH:$tools\"" ;;
esac
