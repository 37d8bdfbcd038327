#!/usr/bin/env bash
# Builds BackupTool and installs the `backup` command as a .NET global tool from this checkout.
# Usage: ./install.sh    (run it again after pulling, to replace the installed copy)
set -euo pipefail
cd "$(dirname "$0")"

rm -rf artifacts/packages
dotnet pack src/BackupTool.Cli -c Release -o artifacts/packages
# The version number does not change between commits, so `dotnet tool update` would keep an
# older build: remove the installed copy first.
if dotnet tool list --global | grep -qi '^backuptool '; then
    dotnet tool uninstall --global BackupTool
fi
dotnet tool install --global BackupTool --add-source artifacts/packages --ignore-failed-sources

tools="$HOME/.dotnet/tools"
case ":$PATH:" in
    *":$tools:"*) echo "Installed: run 'backup --help'." ;;
    *) echo "Installed in $tools, which is not on your PATH. Add it with:"
       echo "  export PATH=\"\$PATH:$tools\"" ;;
esac
