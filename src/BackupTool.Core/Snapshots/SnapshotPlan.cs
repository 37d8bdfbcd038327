using System.IO.Abstractions;
using System.Text;
using BackupTool.Core.Hashing;
using BackupTool.Core.Posix;
using BackupTool.Core.Walking;

namespace BackupTool.Core.Snapshots;

/// <summary>The checked paths, name and settings of one snapshot run.</summary>
internal sealed record SnapshotPlan(
    string SourcePath,
    string DestinationPath,
    string Name,
    string PartialPath,
    string FinalPath,
    IReadOnlyList<ChecksumAlgorithm> Algorithms,
    WalkOptions Walk,
    string? ExcludedDestination,
    bool Durable,
    bool SkipUnreadable,
    DateTimeOffset StartedAt)
{
    /// <summary>The payload folder inside the partial snapshot.</summary>
    public string DataPath => PartialPath + "/" + SnapshotLayout.DataFolder;

    /// <summary>Checks the options against the file system and settles every path.</summary>
    /// <exception cref="InvalidInputException">The source or name cannot be used.</exception>
    public static SnapshotPlan Prepare(IFileSystem fileSystem, IPosixFileSystem posix, SnapshotOptions options, DateTimeOffset now)
    {
        var source = Canonical(fileSystem, options.SourcePath);
        CheckSource(posix, source, options.SourcePath);
        var destination = Canonical(fileSystem, options.DestinationPath);
        if (fileSystem.File.Exists(destination))
        {
            throw new InvalidInputException($"The destination '{options.DestinationPath}' is a file, not a folder. "
                + "Pass a folder to --dest; it is created when missing.");
        }

        // The paths are compared by where their symlinks lead, so that a symlink cannot hide a
        // destination inside the source, which would copy the snapshot into itself until PATH_MAX.
        var physicalSource = PhysicalPath.Resolve(fileSystem, source);
        var physicalDestination = PhysicalPath.Resolve(fileSystem, destination);
        if (physicalDestination == physicalSource)
        {
            throw new InvalidInputException($"The destination '{options.DestinationPath}' is the source folder itself. "
                + "Pass a --dest outside the source, or a folder inside it such as SOURCE/backups.");
        }

        var name = options.Name ?? DefaultName(fileSystem, source, destination, now);
        CheckName(name);
        var final = fileSystem.Path.Combine(destination, name);
        var partial = fileSystem.Path.Combine(destination, SnapshotLayout.PartialFolderName(name));
        CheckFree(fileSystem, final, partial, name);

        // The walk names entries below the source as given, so the destination is excluded by that name.
        var insideSource = PhysicalPath.IsSameOrInside(physicalDestination, physicalSource);
        var excludedPath = insideSource ? source.TrimEnd('/') + physicalDestination[physicalSource.TrimEnd('/').Length..] : null;
        var excluded = excludedPath is null ? new HashSet<string>() : [excludedPath];
        var walk = new WalkOptions(new ExcludeFilter(options.Excludes ?? []), excluded, options.FollowSymlinks,
            MaxRelativePathBytes(source, partial));
        var algorithms = options.Algorithms is { Count: > 0 } chosen ? chosen.Distinct().ToList() : [ChecksumAlgorithm.Md5];
        return new SnapshotPlan(source, destination, name, partial, final, algorithms, walk,
            excludedPath, options.Durable, options.SkipUnreadable, now);
    }

    /// <summary>Returns how long a relative path may be before the source or target path passes PATH_MAX.</summary>
    private static int MaxRelativePathBytes(string source, string partial)
    {
        var data = partial + "/" + SnapshotLayout.DataFolder;
        var prefix = Math.Max(Encoding.UTF8.GetByteCount(source), Encoding.UTF8.GetByteCount(data)) + 1;
        return TreeWalker.PathMaxBytes - 1 - prefix;
    }

    private static string Canonical(IFileSystem fileSystem, string path)
    {
        var full = fileSystem.Path.GetFullPath(path);
        return full.Length > 1 ? full.TrimEnd('/', '\\') : full;
    }

    private static void CheckSource(IPosixFileSystem posix, string source, string given)
    {
        EntryStatus status;
        try
        {
            status = posix.GetStatus(source, followSymlinks: true);
        }
        catch (FileNotFoundException)
        {
            throw new InvalidInputException($"The source folder '{given}' does not exist. Check the path and run again.");
        }

        if (status.Kind != EntryKind.Directory)
        {
            throw new InvalidInputException($"The source '{given}' is not a folder. Pass the folder that contains it.");
        }
    }

    private static string DefaultName(IFileSystem fileSystem, string source, string destination, DateTimeOffset now)
    {
        var folder = fileSystem.Path.GetFileName(source);
        var stem = $"{(folder.Length == 0 ? "root" : folder)}-backup-{now:yyyyMMdd-HHmmss}";
        var name = stem;
        for (var suffix = 2; fileSystem.Directory.Exists(fileSystem.Path.Combine(destination, name))
             || fileSystem.File.Exists(fileSystem.Path.Combine(destination, name)); suffix++)
        {
            name = $"{stem}-{suffix}";
        }

        return name;
    }

    private static void CheckName(string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.StartsWith('.') || name.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new InvalidInputException($"The snapshot name '{name}' is not usable: it must be one folder name, "
                + "not start with '.', and contain no '/' or '\\'.");
        }
    }

    private static void CheckFree(IFileSystem fileSystem, string final, string partial, string name)
    {
        if (fileSystem.Directory.Exists(final) || fileSystem.File.Exists(final))
        {
            throw new InvalidInputException($"A snapshot named '{name}' already exists at '{final}'; snapshots are never "
                + "overwritten. Choose another --name, or leave it out for a dated name.");
        }
    }
}
