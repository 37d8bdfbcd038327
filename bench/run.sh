#!/usr/bin/env bash
# Times `backup` against the tools people use instead, on three datasets, and prints medians
# and ratios. Usage: bench/run.sh [--quick] [--runs N] [--only small,large,real] [--no-publish] DIR
#
# DIR receives the datasets (reused when present), the published CLI, every run's output and
# the raw timings (DIR/results/times.tsv). On ext4, creating many files within minutes of
# deleting many costs kernel time that would land in the measurement. So start the script at
# least 5 minutes after deleting many files on the same file system. The outputs of the small
# and real datasets stay on disk until the run ends. The large dataset has 4 files per output,
# so its outputs are removed after each run to bound disk use (about 30 GB free is enough).
# --no-publish reuses DIR/bin. Nothing here asserts a timing.
set -euo pipefail

USAGE="usage: bench/run.sh [--quick] [--runs N] [--only small,large,real] [--no-publish] DIR"
QUICK=0
RUNS=
ONLY="small,large,real"
PUBLISH=1

usage_error() { printf '%s\n%s\n' "$1" "$USAGE" >&2; exit 2; }

show_help() {
    cat << 'HELP'
usage: bench/run.sh [--quick] [--runs N] [--only small,large,real] [--no-publish] DIR

Times backup against cp -a + md5sum, restic, borg and hashdeep, and prints medians, ratios
and a table of the targets. Start it at least 5 minutes after deleting many files on the
same file system (ext4 pays for recent deletions when it creates files).

  --quick        smaller datasets (2,000 files; 2 x 128 MiB; 100 MiB of the SDK) in
                 DIR/data-quick and 3 runs: a check that everything works, not figures to
                 compare with the targets, since start-up dominates such short runs
  --runs N       alternating runs of every command (default 5, or 3 with --quick)
  --only LIST    datasets to run, comma-separated from small, large, real (default all)
  --no-publish   reuse the CLI already published in DIR/bin
  DIR            receives the datasets (reused when present), the published CLI, the outputs
                 and the timings (DIR/results); about 30 GB free is enough

Needs the .NET SDK, python3, and root with apt-get to install missing peers (restic,
borgbackup, hashdeep, time); peers that cannot be installed are skipped.
HELP
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) QUICK=1; shift ;;
        --runs)
            [[ $# -ge 2 ]] || usage_error "--runs needs a number of runs, such as --runs 5"
            [[ $2 =~ ^[1-9][0-9]*$ ]] || usage_error "invalid --runs '$2': give a whole number of runs, 1 or more"
            RUNS="$2"; shift 2 ;;
        --only)
            [[ $# -ge 2 ]] || usage_error "--only needs a list of datasets, such as --only small,real"
            [[ $2 =~ ^(small|large|real)(,(small|large|real))*$ ]] \
                || usage_error "invalid --only '$2': list datasets from small, large and real, separated by commas"
            ONLY="$2"; shift 2 ;;
        --no-publish) PUBLISH=0; shift ;;
        -h|--help) show_help; exit 0 ;;
        -*) usage_error "unknown option $1" ;;
        *) break ;;
    esac
done
[[ $# -ge 1 ]] || usage_error "missing DIR: give the folder that receives the datasets and results"
[[ $# -eq 1 ]] || usage_error "too many arguments: give one DIR"
[[ -n $RUNS ]] || RUNS=$([[ $QUICK -eq 1 ]] && echo 3 || echo 5)

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH/.." && pwd)"
mkdir -p "$1"
DIR="$(cd "$1" && pwd)"
SUFFIX=$([[ $QUICK -eq 1 ]] && echo "-quick" || echo "")
DATA="$DIR/data$SUFFIX"
OUT="$DIR/out"
BIN="$DIR/bin"
RES="$DIR/results"
TIMES="$RES/times.tsv"
META="$RES/meta.tsv"
BACKUP="$BIN/backup"
export RESTIC_PASSWORD=bench
export BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes
export BORG_RELOCATED_REPO_ACCESS_IS_OK=yes
export BORG_BASE_DIR="$DIR/borg-home"
export RESTIC_CACHE_DIR="$DIR/restic-cache"

rm -rf "$OUT" "$RES" "$BORG_BASE_DIR" "$RESTIC_CACHE_DIR"
mkdir -p "$DATA" "$OUT" "$RES"
printf 'dataset\top\ttool\trun\twall\tuser\tsys\trss_kb\tstatus\n' > "$TIMES"
: > "$META"
START=$SECONDS

log() { printf '[%4ds] %s\n' $((SECONDS - START)) "$*" >&2; }
have() { command -v "$1" > /dev/null 2>&1; }
meta() { printf '%s\t%s\n' "$1" "$2" >> "$META"; }

install_peers() {
    local missing=()
    have restic || missing+=(restic)
    have borg || missing+=(borgbackup)
    have hashdeep || missing+=(hashdeep)
    [[ -x /usr/bin/time ]] || missing+=(time)
    [[ ${#missing[@]} -eq 0 ]] && return
    log "installing ${missing[*]}"
    if [[ $(id -u) -eq 0 ]] && have apt-get; then
        apt-get update -qq > "$RES/apt.log" 2>&1 || true
        for package in "${missing[@]}"; do
            apt-get install -y -qq "$package" >> "$RES/apt.log" 2>&1 \
                || log "could not install $package; its rows are skipped"
        done
    else
        log "cannot install ${missing[*]} (needs root and apt-get); their rows are skipped"
    fi
    [[ -x /usr/bin/time ]] || { echo "/usr/bin/time is required" >&2; exit 3; }
}

# The Native AOT build, as ./install.sh installs it: no JIT at start-up; about 30 s to build.
publish() {
    if [[ $PUBLISH -eq 0 && -x $BACKUP ]]; then
        log "reusing the CLI in $BIN"
        return
    fi
    log "publishing the CLI (Release, Native AOT)"
    rm -rf "$BIN"
    dotnet publish "$REPO/src/BackupTool.Cli" -c Release -r linux-x64 -o "$BIN" > "$RES/publish.log" 2>&1 \
        || { cat "$RES/publish.log" >&2; exit 3; }
}

build_datasets() {
    log "building the datasets in $DATA (reused when present)"
    local small_files=20000 small_folders=1000 large_count=4 large_mib=512 real_mib=0
    if [[ $QUICK -eq 1 ]]; then
        small_files=2000; small_folders=100; large_count=2; large_mib=128; real_mib=100
    fi
    local sdk
    sdk="$(dirname "$(readlink -f "$(command -v dotnet)")")"
    [[ -d $DATA/small ]] || python3 "$BENCH/make_datasets.py" small "$DATA/small" \
        --files $small_files --folders $small_folders
    [[ -d $DATA/large ]] || python3 "$BENCH/make_datasets.py" large "$DATA/large" \
        --count $large_count --size-mib $large_mib
    [[ -d $DATA/real ]] || python3 "$BENCH/make_datasets.py" real "$DATA/real" \
        --source "$sdk" --budget-mib $real_mib
    for name in small large real; do
        local files bytes
        files=$(find "$DATA/$name" -type f | wc -l)
        bytes=$(find "$DATA/$name" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d", s}')
        meta "files.$name" "$files"
        meta "bytes.$name" "$bytes"
        meta "symlinks.$name" "$(find "$DATA/$name" -type l | wc -l)"
        meta "folders.$name" "$(find "$DATA/$name" -type d | wc -l)"
    done
}

record_machine() {
    log "recording the machine and MD5 and SHA-256 throughput (openssl speed, a few seconds)"
    meta cores "$(nproc)"
    meta cpu "$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    meta kernel "$(uname -r)"
    meta filesystem "$(findmnt -no FSTYPE,OPTIONS --target "$DIR" | head -1)"
    meta dotnet "$(dotnet --version)"
    local algorithm speed
    for algorithm in md5 sha256; do
        # Throughput in bytes per second on 16 KiB blocks, one core.
        speed=$(openssl speed -seconds 2 -evp "$algorithm" 2>/dev/null \
            | awk -v a="$algorithm" '$1 == a {v = $NF} END {sub(/k$/, "", v); print v * 1000}')
        meta "openssl.$algorithm" "$speed"
    done
    have restic && meta version.restic "$(restic version 2>&1 | head -1)"
    have borg && meta version.borg "$(borg --version 2>&1 | head -1)"
    have hashdeep && meta version.hashdeep "hashdeep $(hashdeep -V 2>&1 | head -1)"
    for tool in md5sum cp; do
        meta "version.$tool" "$($tool --version 2>&1 | head -1)"
    done
}

# Reads every file of a tree once, so the timed runs start from a warm page cache.
warm() { find "$1" -type f -print0 | xargs -0 -r cat > /dev/null; }

# measure DATASET OP TOOL RUN COMMAND: flushes earlier writes, then times COMMAND in bash.
measure() {
    local dataset=$1 op=$2 tool=$3 run=$4 command=$5
    local stamp="$RES/time.$$" output="$RES/logs/$dataset.$op.$tool.$run.log" status=0
    mkdir -p "$RES/logs"
    sync
    /usr/bin/time -f '%e %U %S %M' -o "$stamp" bash -c "$command" > "$output" 2>&1 || status=$?
    read -r wall user sys rss < <(tail -1 "$stamp")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$dataset" "$op" "$tool" "$run" \
        "$wall" "$user" "$sys" "$rss" "$status" >> "$TIMES"
    [[ $status -eq 0 ]] || log "$dataset $op $tool run $run exited $status (see $output)"
    return 0
}

# discard DATASET PATH [kept]: removes a run's output right away, for the large dataset only,
# except outputs marked kept (the first run's snapshot and repositories, which later phases
# read). Deleting the real dataset's 4,907-file outputs between runs tripled the system time of
# the next creates (0.8 s in the first run of durable create, 2.8 s in the later ones).
discard() { [[ $1 == large && ${3:-} != kept ]] && rm -rf "$2"; return 0; }
first() { [[ $1 -eq 1 ]] && echo kept; return 0; }

verb_available() {
    local status=0
    "$BACKUP" "$@" > /dev/null 2> "$RES/probe.err" || status=$?
    ! grep -q 'not available yet' "$RES/probe.err"
}

probe_verbs() {
    local tiny="$OUT/tiny"
    mkdir -p "$tiny/src"
    echo "one file" > "$tiny/src/a.txt"
    "$BACKUP" create "$tiny/src" --dest "$tiny" --name snap --quiet > /dev/null 2>&1 \
        || "$BACKUP" create "$tiny/src" --dest "$tiny" --name snap > /dev/null
    HAS_VERIFY=0; HAS_RESTORE=0; HAS_AUDIT=0
    verb_available verify "$tiny/snap" && HAS_VERIFY=1
    verb_available restore "$tiny/snap" --to "$tiny/restored" && HAS_RESTORE=1
    verb_available verify "$tiny/snap" --against "$tiny/src" && HAS_AUDIT=1
    [[ $HAS_VERIFY -eq 1 ]] || log "backup verify is not built yet: verify rows skipped"
    [[ $HAS_RESTORE -eq 1 ]] || log "backup restore is not built yet: restore rows skipped"
    [[ $HAS_AUDIT -eq 1 ]] || log "backup verify --against is not built yet: audit rows skipped"
}

manual_copy() { # SRC TARGET [sync]: cp -a, md5sum of every source file, md5sum -c of the copy
    local finish=""
    [[ ${3:-} == sync ]] && finish=" && sync"
    echo "cp -a '$1' '$2' && (cd '$1' && find . -type f -print0 | xargs -0 md5sum) > '$2.md5'" \
        "&& (cd '$2' && md5sum -c --quiet '$2.md5')$finish"
}

bench_create() {
    local name=$1 src="$DATA/$1" base="$OUT/$1/create" run
    mkdir -p "$base"
    log "$name: create, $RUNS alternating runs"
    for run in $(seq 1 "$RUNS"); do
        measure "$name" create backup "$run" "'$BACKUP' create '$src' --dest '$base' --name snap-$run --quiet"
        discard "$name" "$base/snap-$run" "$(first "$run")"
        measure "$name" create backup-no-fsync "$run" \
            "'$BACKUP' create '$src' --dest '$base' --name nofsync-$run --no-fsync --quiet"
        discard "$name" "$base/nofsync-$run"
        measure "$name" create cp "$run" "cp -a '$src' '$base/cp-$run'"
        discard "$name" "$base/cp-$run"
        measure "$name" create cp+md5 "$run" "$(manual_copy "$src" "$base/manual-$run")"
        discard "$name" "$base/manual-$run"
        measure "$name" create cp+md5+sync "$run" "$(manual_copy "$src" "$base/manualsync-$run" sync)"
        discard "$name" "$base/manualsync-$run"
        if have restic; then
            restic init --repo "$base/restic-$run" > /dev/null
            measure "$name" create restic "$run" "restic --repo '$base/restic-$run' backup --quiet '$src'"
            discard "$name" "$base/restic-$run" "$(first "$run")"
        fi
        if have borg; then
            borg init --encryption none "$base/borg-$run" > /dev/null
            measure "$name" create borg "$run" "borg create '$base/borg-$run::snap' '$src'"
            discard "$name" "$base/borg-$run" "$(first "$run")"
            # borg drops the files it reads from the page cache (posix_fadvise DONTNEED), so the
            # next timed command would read the source from disk: read it again, untimed.
            warm "$src"
        fi
    done
}

bench_verify() {
    local name=$1 base="$OUT/$1/create" snap="$OUT/$1/create/snap-1" run
    local known="$OUT/$1/hashdeep-known.txt"
    (cd "$DATA/$name" && hashdeep -c md5 -r -l . > "$known") 2> /dev/null || true
    (cd "$snap" && split -n r/2 manifest-md5.txt "$OUT/$name/manifest-half-")
    log "$name: verify, $RUNS alternating runs"
    for run in $(seq 1 "$RUNS"); do
        [[ $HAS_VERIFY -eq 1 ]] && measure "$name" verify backup "$run" "'$BACKUP' verify '$snap' --quiet"
        measure "$name" verify md5sum-c "$run" "cd '$snap' && md5sum -c --quiet manifest-md5.txt"
        measure "$name" verify md5sum-P2 "$run" \
            "cd '$snap' && ls '$OUT/$name'/manifest-half-* | xargs -P2 -n1 md5sum -c --quiet"
        have hashdeep && measure "$name" verify hashdeep "$run" \
            "cd '$snap/data' && hashdeep -c md5 -r -l -a -k '$known' ."
        have restic && measure "$name" verify restic "$run" \
            "restic --repo '$base/restic-1' check --read-data --quiet"
        have borg && measure "$name" verify borg "$run" "borg check --verify-data '$base/borg-1'"
    done
}

bench_restore() {
    local name=$1 snap="$OUT/$1/create/snap-1" base="$OUT/$1/restore" run
    [[ $HAS_RESTORE -eq 1 ]] || return 0
    mkdir -p "$base"
    log "$name: restore, $RUNS alternating runs"
    for run in $(seq 1 "$RUNS"); do
        measure "$name" restore backup "$run" "'$BACKUP' restore '$snap' --to '$base/backup-$run' --quiet"
        discard "$name" "$base/backup-$run"
        measure "$name" restore cp+md5 "$run" "mkdir '$base/cp-$run' && cp -a '$snap/data' \
'$base/cp-$run/data' && cd '$base/cp-$run' && md5sum -c --quiet '$snap/manifest-md5.txt'"
        discard "$name" "$base/cp-$run"
    done
}

bench_audit() {
    local name=$1 snap="$OUT/$1/create/snap-1" known="$OUT/$1/hashdeep-known.txt" run
    [[ $HAS_AUDIT -eq 1 ]] || return 0
    log "$name: audit, $RUNS alternating runs"
    for run in $(seq 1 "$RUNS"); do
        measure "$name" audit backup "$run" "'$BACKUP' verify '$snap' --against '$DATA/$name' --quiet"
        have hashdeep && measure "$name" audit hashdeep "$run" \
            "cd '$DATA/$name' && hashdeep -c md5 -r -l -a -k '$known' ."
    done
}

bench_startup() {
    local tiny="$OUT/tiny" run
    log "start-up: 10 runs each"
    for run in $(seq 1 10); do
        measure startup help backup "$run" "'$BACKUP' --help"
        [[ $HAS_VERIFY -eq 1 ]] && measure startup verify-1-file backup "$run" "'$BACKUP' verify '$tiny/snap' --quiet"
    done
    return 0
}

install_peers
publish
record_machine
build_datasets
probe_verbs
bench_startup
for name in ${ONLY//,/ }; do
    log "$name: reading the dataset once"
    warm "$DATA/$name"
    bench_create "$name"
    warm "$OUT/$name/create/snap-1"
    bench_verify "$name"
    bench_restore "$name"
    bench_audit "$name"
    # Deleting outputs of many files now would slow the next dataset's creates. So only the large
    # dataset's outputs go now, and the rest go when the run ends.
    if [[ $name == large ]]; then
        log "$name: removing its outputs"
        rm -rf "$OUT/$name"
        sync
    fi
done
log "done; removing run outputs"
python3 "$BENCH/report.py" "$RES" | tee "$RES/report.md"
rm -rf "$OUT"
log "finished in $((SECONDS - START)) s"
