#!/usr/bin/env python3
"""Prints the benchmark tables from results/times.tsv and results/meta.tsv as Markdown.

For each dataset and operation, the first table gives medians (with min and max) of wall time,
CPU time (user + sys) and peak resident memory. The second gives each product figure as a ratio
to each peer of the same run, and the floor: bytes hashed divided by (cores x single-core MD5
throughput of openssl), plus for create the median time of `cp -a` of the same dataset, since
create must also write the copy. The last table checks each target against the same medians.
"""
import csv
import statistics
import sys
from collections import defaultdict

PRODUCTS = {"backup", "backup-no-fsync"}
# How many times each operation hashes the dataset's bytes. Create hashes the source and reads
# the copy back, and verify, restore and audit hash each file once.
HASH_PASSES = {"create": 2, "verify": 1, "restore": 1, "audit": 1}
OPS = ["create", "verify", "restore", "audit"]


def load(results):
    meta = {}
    with open(f"{results}/meta.tsv") as source:
        for line in source:
            key, _, value = line.rstrip("\n").partition("\t")
            meta[key] = value
    runs = defaultdict(list)
    with open(f"{results}/times.tsv") as source:
        for row in csv.DictReader(source, delimiter="\t"):
            runs[(row["dataset"], row["op"], row["tool"])].append(row)
    return meta, runs


def summary(rows):
    walls = [float(r["wall"]) for r in rows]
    cpus = [float(r["user"]) + float(r["sys"]) for r in rows]
    rss = [int(r["rss_kb"]) * 1024 / 1e6 for r in rows]  # MB of 10^6 bytes
    failed = sum(1 for r in rows if r["status"] != "0")
    return {
        "wall": statistics.median(walls), "min": min(walls), "max": max(walls),
        "cpu": statistics.median(cpus), "rss": statistics.median(rss), "rss_max": max(rss),
        "runs": len(rows), "failed": failed,
    }


def size(bytes_text):
    value = float(bytes_text)
    for unit in ["B", "KiB", "MiB", "GiB"]:
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024


def print_machine(meta):
    md5 = float(meta["openssl.md5"])
    print(f"Machine: {meta['cores']} cores, {meta['cpu']}, {meta['filesystem']}; .NET SDK {meta['dotnet']}")
    print(f"openssl speed -evp (16 KiB blocks, one core): MD5 {md5 / 1e6:.0f} MB/s, "
          f"SHA-256 {float(meta['openssl.sha256']) / 1e6:.0f} MB/s")
    print()


def print_medians(dataset, runs):
    print("| operation | tool | wall median s (min–max) | CPU s | peak RSS MB | runs |")
    print("| --- | --- | --- | --- | --- | --- |")
    for op in OPS:
        for (d, o, tool), rows in runs.items():
            if d != dataset or o != op:
                continue
            s = summary(rows)
            failed = f", {s['failed']} failed" if s["failed"] else ""
            print(f"| {op} | {tool} | {s['wall']:.2f} ({s['min']:.2f}–{s['max']:.2f}) | "
                  f"{s['cpu']:.2f} | {s['rss']:.0f} | {s['runs']}{failed} |")
    print()


def medians(dataset, op, runs):
    return {t: summary(r) for (d, o, t), r in runs.items() if d == dataset and o == op}


def floor(dataset, op, runs, meta):
    """Seconds the operation needs at least: its hashing on every core, plus the copy for create."""
    hashing = HASH_PASSES[op] * float(meta[f"bytes.{dataset}"]) / (int(meta["cores"]) * float(meta["openssl.md5"]))
    copy = medians(dataset, op, runs).get("cp") if op == "create" else None
    return hashing + (copy["wall"] if copy else 0)


def print_ratios(dataset, runs, meta):
    print("| operation | product | ratio of wall medians to each peer | floor s | product / floor |")
    print("| --- | --- | --- | --- | --- |")
    for op in OPS:
        tools = medians(dataset, op, runs)
        floor_s = floor(dataset, op, runs, meta)
        for product in sorted(PRODUCTS & tools.keys()):
            wall = tools[product]["wall"]
            ratios = ", ".join(f"{wall / s['wall']:.2f}× {peer}" for peer, s in tools.items()
                               if peer not in PRODUCTS and s["wall"] > 0)
            print(f"| {op} | {product} | {ratios or 'no peer'} | {floor_s:.2f} | {wall / floor_s:.2f}× |")
    print()


def print_startup(runs):
    startup = {(o, t): summary(r) for (d, o, t), r in runs.items() if d == "startup"}
    if not startup:
        return
    print("### start-up")
    print()
    print("| command | wall median s (min–max) | CPU s | peak RSS MB | target: under 0.150 s |")
    print("| --- | --- | --- | --- | --- |")
    for (op, _), s in startup.items():
        verdict = "met" if s["wall"] < 0.150 else "not met"
        print(f"| backup {op} | {s['wall']:.3f} ({s['min']:.3f}–{s['max']:.3f}) | {s['cpu']:.3f} | "
              f"{s['rss']:.0f} | {verdict} |")


# (operation, product, peer or "floor", the most the ratio may be, strictly below it, datasets)
TARGETS = [
    ("create", "backup", "restic", 1.0, True, None),
    ("create", "backup", "borg", 1.0, True, None),
    ("create", "backup", "cp+md5+sync", 1.2, False, None),
    ("create", "backup-no-fsync", "cp+md5", 0.6, False, None),
    ("create", "backup-no-fsync", "floor", 1.3, False, ["large"]),
    ("verify", "backup", "md5sum-P2", 1.15, False, ["large", "real"]),
    ("verify", "backup", "md5sum-c", 0.6, False, ["large"]),
    ("verify", "backup", "hashdeep", 1.0, True, None),
    ("verify", "backup", "restic", 1.0, True, None),
    ("verify", "backup", "borg", 1.0, True, None),
    ("restore", "backup", "cp+md5", 1.5, False, None),
]


def print_targets(datasets, runs, meta):
    print("### targets")
    print()
    print("| target | " + " | ".join(datasets) + " |")
    print("| --- | " + " | ".join("---" for _ in datasets) + " |")
    for op, product, peer, limit, strict, only in TARGETS:
        cells = []
        for dataset in datasets:
            tools = medians(dataset, op, runs)
            if (only and dataset not in only) or product not in tools:
                cells.append("")
                continue
            base = floor(dataset, op, runs, meta) if peer == "floor" else tools.get(peer, {}).get("wall")
            if not base:
                cells.append("no peer")
                continue
            ratio = tools[product]["wall"] / base
            met = ratio < limit if strict else ratio <= limit
            cells.append(f"{ratio:.2f}× {'met' if met else 'not met'}")
        relation = "below" if strict else "at most"
        print(f"| {op} {product} {relation} {limit}× {peer} | " + " | ".join(cells) + " |")
    cells = []
    for dataset in datasets:
        peak = max((summary(r)["rss_max"] for (d, o, t), r in runs.items()
                    if d == dataset and t in PRODUCTS), default=0)
        cells.append(f"{peak:.0f} MB {'met' if peak <= 100 else 'not met'}")
    print("| peak RSS of backup at most 100 MB | " + " | ".join(cells) + " |")
    print()


def main():
    meta, runs = load(sys.argv[1])
    print_machine(meta)

    datasets = []
    for key in runs:
        if key[0] not in datasets and key[0] != "startup":
            datasets.append(key[0])
    for dataset in datasets:
        print(f"### {dataset}: {meta[f'files.{dataset}']} files, {size(meta[f'bytes.{dataset}'])}, "
              f"{meta[f'folders.{dataset}']} folders, {meta[f'symlinks.{dataset}']} symlinks")
        print()
        print_medians(dataset, runs)
        print_ratios(dataset, runs, meta)

    print_targets(datasets, runs, meta)
    print_startup(runs)


if __name__ == "__main__":
    main()
