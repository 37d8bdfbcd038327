#!/usr/bin/env bash
# Runs create and verify once on the .NET SDK folder of this machine, checks the snapshot with
# md5sum -c, and times cp -a and md5sum over the same tree for comparison.
# Usage: bench/real-input.sh BACKUP_EXECUTABLE DIR   (DIR receives the snapshot and the copy)
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: bench/real-input.sh BACKUP_EXECUTABLE DIR" >&2; exit 2; }
BACKUP=$1
DIR=$2
SDK="$(dirname "$(readlink -f "$(command -v dotnet)")")"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
rm -rf "$DIR/snapshots" "$DIR/copy"

timed() { # LABEL COMMAND...: prints wall, user + sys and exit status
    local label=$1 stamp status=0
    shift
    stamp=$(mktemp)
    /usr/bin/time -f '%e %U %S' -o "$stamp" "$@" > "$DIR/$label.out" 2>&1 || status=$?
    read -r wall user sys < "$stamp"
    rm -f "$stamp"
    printf '| %s | %s | %.2f | %s |\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$status"
}

echo "Source: $SDK: $(find "$SDK" -type f | wc -l) files, $(find "$SDK" -type l | wc -l) symlinks," \
    "$(find "$SDK" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d", s}') bytes"
find "$SDK" -type f -print0 | xargs -0 cat > /dev/null
echo "| command | wall s | CPU s | exit |"
echo "| --- | --- | --- | --- |"
sync
timed create "$BACKUP" create "$SDK" --dest "$DIR/snapshots" --name sdk
sync
timed verify "$BACKUP" verify "$DIR/snapshots/sdk"
timed md5sum-c bash -c "cd '$DIR/snapshots/sdk' && md5sum -c --quiet manifest-md5.txt"
sync
timed cp-a cp -a "$SDK" "$DIR/copy"
timed md5sum bash -c "cd '$SDK' && find . -type f -print0 | xargs -0 md5sum > '$DIR/sdk.md5'"
echo
sed -n '1,3p' "$DIR/create.out"
sed -n '1,3p' "$DIR/verify.out"
