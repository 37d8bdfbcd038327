#!/usr/bin/env python3
"""Builds the benchmark datasets deterministically.

small: FILES files of 100 B to 16 KiB (or --min-size to --max-size) spread over FOLDERS nested
       folders, some left empty.
large: COUNT files of SIZE MiB of pseudo-random bytes (AES-128-CTR keystream from openssl,
       fixed key, so every run produces the same bytes).
real:  a copy of a real tree, optionally cut to a byte budget, taken in sorted path order.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys


def make_small(root, files, folders, min_size=100, max_size=16 * 1024):
    rng = random.Random(20260130)
    os.makedirs(root)
    paths = []
    for i in range(folders):
        # Each folder hangs below an earlier one, so the tree is nested up to a few levels deep.
        parent = paths[rng.randrange(len(paths))] if paths and rng.random() < 0.7 else root
        path = os.path.join(parent, f"d{i:04d}")
        os.mkdir(path)
        paths.append(path)
    empty = set(rng.sample(range(folders), max(1, folders // 50)))
    usable = [p for i, p in enumerate(paths) if i not in empty]
    for i in range(files):
        size = rng.randint(min_size, max_size)
        folder = usable[rng.randrange(len(usable))]
        with open(os.path.join(folder, f"f{i:07d}.bin"), "wb") as out:
            out.write(rng.randbytes(size))
    print(f"small: {files} files, {folders} folders ({len(empty)} empty) in {root}")


def make_large(root, count, size_mib):
    os.makedirs(root)
    for i in range(count):
        target = os.path.join(root, f"large{i}.bin")
        key = f"{i + 1:032x}"
        with open(target, "wb") as out:
            keystream = subprocess.Popen(
                ["openssl", "enc", "-aes-128-ctr", "-K", key, "-iv", "0" * 32, "-nosalt", "-in", "/dev/zero"],
                stdout=subprocess.PIPE)
            left = size_mib << 20
            while left > 0:
                chunk = keystream.stdout.read(min(left, 1 << 20))
                out.write(chunk)
                left -= len(chunk)
            keystream.kill()
            keystream.wait()
    print(f"large: {count} files of {size_mib} MiB in {root}")


def make_real(root, source, budget_mib):
    if budget_mib <= 0:
        shutil.copytree(source, root, symlinks=True)
        print(f"real: copy of {source} in {root}")
        return
    budget = budget_mib << 20
    taken = 0
    for folder, dirs, names in os.walk(source):
        dirs.sort()
        relative = os.path.relpath(folder, source)
        os.makedirs(os.path.join(root, relative), exist_ok=True)
        for name in sorted(names):
            path = os.path.join(folder, name)
            if taken >= budget:
                break
            target = os.path.join(root, relative, name)
            if os.path.islink(path):
                os.symlink(os.readlink(path), target)
                continue
            shutil.copy2(path, target)
            taken += os.path.getsize(path)
    print(f"real: {budget_mib} MiB subset of {source} in {root}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["small", "large", "real"])
    parser.add_argument("root")
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--folders", type=int, default=1000)
    parser.add_argument("--min-size", type=int, default=100)
    parser.add_argument("--max-size", type=int, default=16 * 1024)
    parser.add_argument("--count", type=int, default=4)
    parser.add_argument("--size-mib", type=int, default=512)
    parser.add_argument("--source")
    parser.add_argument("--budget-mib", type=int, default=0)
    args = parser.parse_args()
    if os.path.exists(args.root):
        sys.exit(f"{args.root} already exists")
    if args.kind == "small":
        make_small(args.root, args.files, args.folders, args.min_size, args.max_size)
    elif args.kind == "large":
        make_large(args.root, args.count, args.size_mib)
    else:
        make_real(args.root, args.source, args.budget_mib)


if __name__ == "__main__":
    main()
