namespace BackupTool.Core.Walking;

/// <summary>What a walk leaves out and how it treats symlinks.</summary>
/// <param name="Filter">The exclude globs.</param>
/// <param name="ExcludedFullPaths">Absolute paths skipped whatever the globs say, such as the destination.</param>
/// <param name="FollowSymlinks">True to walk what symlinks point to instead of recording the links.</param>
/// <param name="MaxRelativePathBytes">
/// Longest relative path, in UTF-8 bytes, that the caller can use; a longer one is reported as a
/// problem and, for a folder, not descended into.
/// </param>
public sealed record WalkOptions(
    ExcludeFilter Filter,
    IReadOnlySet<string> ExcludedFullPaths,
    bool FollowSymlinks,
    int MaxRelativePathBytes = int.MaxValue);
