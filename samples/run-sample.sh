#!/usr/bin/env bash
# Snapshots the sample tree and verifies the snapshot, with the tool and with md5sum.
# Usage: samples/run-sample.sh [DEST]   (DEST defaults to a new temporary folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=${1:-$(mktemp -d)}
backup=${BACKUP:-backup}

# git keeps no empty folders, so the sample's nested empty folder is made here.
mkdir -p "$here/project/build/cache/empty"

$backup create "$here/project" --dest "$dest" --name sample
$backup verify "$dest/sample"
(cd "$dest/sample" && md5sum -c --quiet manifest-md5.txt && echo "md5sum -c: all files OK")
