#!/usr/bin/env bash
# Builds BackupTool as a native (Native AOT) program for this machine and installs the `backup`
# command as a .NET global tool from this checkout. Needs gcc or clang, and zlib's headers
# (Debian: apt-get install gcc zlib1g-dev), besides the .NET SDK.
# Usage: ./install.sh    (run it again after pulling, to replace the installed copy)
set -euo pipefail
cd "$(dirname "$0")"

case "$(uname -m)" in
    x86_64 | amd64) rid=linux-x64 ;;
    aarch64 | arm64) rid=linux-arm64 ;;
    *) echo "error: no native build for $(uname -m). BackupTool builds for x86_64 and arm64 Linux." >&2
       exit 1 ;;
esac

rm -rf artifacts/packages
# The package without a platform only names the native package of each platform. The second
# command compiles the native program for this one.
dotnet pack src/BackupTool.Cli -c Release -o artifacts/packages
dotnet pack src/BackupTool.Cli -c Release -r "$rid" -o artifacts/packages
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
