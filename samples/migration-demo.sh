#!/usr/bin/env bash
# Takes a snapshot of a source tree before a monorepo migration, moves files the way such a
# migration does, audits the migrated tree against the snapshot, then restores the snapshot.
# Usage: samples/migration-demo.sh [TREE] [WORK]
#   TREE  the tree to migrate, copied first and never changed (default: samples/project).
#   WORK  a folder for the copy, the snapshot and the restore (default: a new temporary folder).
# BACKUP sets the command to run, such as "dotnet path/to/backup.dll" (default: backup).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tree=${1:-$here/project}
work=${2:-$(mktemp -d)}
# The demo changes folder later, so relative paths are made absolute first.
[ -d "$tree" ] || { echo "error: TREE '$tree' is not a folder. Usage: $0 [TREE] [WORK]" >&2; exit 2; }
tree=$(cd "$tree" && pwd)
mkdir -p "$work"
work=$(cd "$work" && pwd)
backup=${BACKUP:-backup}

echo "== Copying $tree to $work/repo"
cp -a "$tree/." "$work/repo/"
cd "$work"

echo "== Snapshot before the migration"
$backup create repo --dest backups --name pre-migration
$backup list backups

echo "== Migrating: every top-level folder moves under packages/app/"
mkdir -p repo/packages/app
for entry in repo/*; do
    name=$(basename "$entry")
    [ "$name" = packages ] && continue
    [ -d "$entry" ] && mv "$entry" "repo/packages/app/$name"
done

echo "== Audit after the moves (moves alone pass: exit 0)"
$backup verify backups/pre-migration --against repo

echo "== Audit in strict mode (moves count as differences: exit 1)"
if $backup verify backups/pre-migration --against repo --strict --quiet; then
    echo "unexpected: the strict audit passed" >&2
    exit 1
fi

echo "== An accidental edit and deletion (exit 1, naming both)"
first=$(find repo -type f | sort | head -n 1)
last=$(find repo -type f | sort | tail -n 1)
echo "# edited during the migration" >> "$first"
rm "$last"
if $backup verify backups/pre-migration --against repo; then
    echo "unexpected: the audit missed the edit" >&2
    exit 1
fi

echo "== Restoring the snapshot to compare with the original"
$backup restore backups/pre-migration --to restored
diff -r "$tree" restored && echo "restored tree matches $tree"
