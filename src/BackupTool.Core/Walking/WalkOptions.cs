namespace BackupTool.Core.Walking;

/// <summary>What a walk leaves out and how it treats symlinks.</summary>
/// <param name="Filter">The exclude globs.</param>
/// <param name="ExcludedFullPaths">Absolute paths skipped whatever the globs say, such as the destination.</param>
/// <param name="FollowSymlinks">True to walk what symlinks point to instead of recording the links.</param>
public sealed record WalkOptions(ExcludeFilter Filter, IReadOnlySet<string> ExcludedFullPaths, bool FollowSymlinks);
