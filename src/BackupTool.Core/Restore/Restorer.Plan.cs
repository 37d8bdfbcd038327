using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Restore;

public sealed partial class Restorer
{
    // Checks every entry before anything is written: safe paths, no entry below a symlink, a manifest
    // entry for each file, and no directory in the target that a file would have to replace.
    // Returns whether the write pass can stream the manifests, which needs the manifests sorted and
    // the tree metadata listing files in the same order.
    private bool Plan(RestoreSource source, RestoreRequest request, bool targetHasEntries, RestoreResult result,
        CancellationToken cancellation)
    {
        var problems = result.Problems.Count;
        var warnings = result.Warnings.Count;
        using (var index = source.Payload.OpenIndex(cancellation))
        {
            PlanPass(source, request, targetHasEntries, result, index, cancellation);
            if (!index.OutOfOrder)
            {
                return source.Payload.IsSorted;
            }
        }

        _logger.Debug("{TreePath} lists paths out of manifest order; loading the manifests into memory", source.TreePath);
        result.Problems.RemoveRange(problems, result.Problems.Count - problems);
        result.Warnings.RemoveRange(warnings, result.Warnings.Count - warnings);
        ResetCounts(result);
        using var dictionary = DictionaryPayloadIndex.Load(source.Payload, cancellation);
        PlanPass(source, request, targetHasEntries, result, dictionary, cancellation);
        return false;
    }

    private static void ResetCounts(RestoreResult result)
    {
        result.Files = result.Bytes = result.Directories = result.Symlinks = result.HardLinks = 0;
        result.ClearPlan();
    }

    private void PlanPass(RestoreSource source, RestoreRequest request, bool targetHasEntries, RestoreResult result,
        IPayloadIndex index, CancellationToken cancellation)
    {
        var symlinks = new HashSet<string>(StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in source.ReadEntries(fileSystem))
            {
                cancellation.ThrowIfCancellationRequested();
                if (entry.Path == TreeEntry.RootPath)
                {
                    CheckRoot(entry, result);
                    continue;
                }

                if (!CheckPath(entry, symlinks, result))
                {
                    continue;
                }

                Count(index, entry, symlinks, result);
                if (targetHasEntries || request.DryRun)
                {
                    CompareWithTarget(request.TargetPath, entry, replaced, result);
                }
            }
        }
        catch (TreeMetadataFormatException exception)
        {
            result.Problems.Add(exception.Message);
        }

        result.Problems.AddRange(index.Problems);
        ReportUnclaimedPayload(source, index, result);
    }

    private static void CheckRoot(TreeEntry entry, RestoreResult result)
    {
        if (entry.Kind != EntryKind.Directory)
        {
            result.Problems.Add($"{TreeMetadataFormat.FileName} records the root '.' as a {KindName(entry.Kind)}, not a directory");
        }
    }

    private static bool CheckPath(TreeEntry entry, HashSet<string> symlinks, RestoreResult result)
    {
        if (!RelativePaths.IsSafe(entry.Path))
        {
            result.Problems.Add($"'{entry.Path}' is not a relative path inside the snapshot; "
                + "restoring it could write outside the target");
            return false;
        }

        if (entry.HardLinkOf is not null && !RelativePaths.IsSafe(entry.HardLinkOf))
        {
            result.Problems.Add($"'{entry.Path}' is recorded as a hard link of '{entry.HardLinkOf}', "
                + "which is not a relative path inside the snapshot");
            return false;
        }

        var link = symlinks.Count == 0 ? null : SymlinkAncestor(entry.Path, symlinks);
        if (link is not null)
        {
            result.Problems.Add($"'{entry.Path}' lies below the symlink '{link}'; restoring it would write through the link");
            return false;
        }

        return true;
    }

    private static string? SymlinkAncestor(string path, HashSet<string> symlinks)
    {
        for (var parent = RelativePaths.Parent(path); parent is not null; parent = RelativePaths.Parent(parent))
        {
            if (symlinks.Contains(parent))
            {
                return parent;
            }
        }

        return null;
    }

    private void Count(IPayloadIndex index, TreeEntry entry, HashSet<string> symlinks, RestoreResult result)
    {
        switch (entry.Kind)
        {
            case EntryKind.Directory:
                result.Directories++;
                break;
            case EntryKind.Symlink when entry.LinkTarget is null:
                result.Problems.Add($"the symlink '{entry.Path}' has no target in {TreeMetadataFormat.FileName}");
                break;
            case EntryKind.Symlink:
                symlinks.Add(entry.Path);
                result.Symlinks++;
                break;
            case EntryKind.File:
                CountFile(index, entry, result);
                break;
            default:
                result.Warnings.Add($"'{entry.Path}' is a {KindName(entry.Kind)}, which restore does not recreate; skipped");
                break;
        }
    }

    private static void CountFile(IPayloadIndex index, TreeEntry entry, RestoreResult result)
    {
        var listed = index.Claim(entry.Path) is not null;
        result.Files++;
        if (entry.HardLinkOf is not null)
        {
            result.HardLinks++;
            return;
        }

        if (!listed)
        {
            result.Problems.Add($"'{entry.Path}' is recorded in {TreeMetadataFormat.FileName} "
                + "but missing from the payload manifest");
            return;
        }

        result.Bytes += Math.Max(0, entry.Size);
    }

    private void CompareWithTarget(string target, TreeEntry entry, HashSet<string> replaced, RestoreResult result)
    {
        if (replaced.Count > 0 && HasAncestorIn(entry.Path, replaced))
        {
            result.PlannedCreations.Add(entry.Path);
            return;
        }

        var existing = TryGetStatus(RelativePaths.Join(target, entry.Path));
        if (existing is null)
        {
            result.PlannedCreations.Add(entry.Path);
        }
        else if (existing.Value.Kind == EntryKind.Directory && entry.Kind != EntryKind.Directory)
        {
            result.Conflicts.Add($"'{entry.Path}' is a directory in the target but a {KindName(entry.Kind)} in the snapshot");
        }
        else if (existing.Value.Kind != EntryKind.Directory)
        {
            result.PlannedOverwrites.Add(entry.Path);
            if (entry.Kind == EntryKind.Directory)
            {
                replaced.Add(entry.Path);
            }
        }
    }

    private static bool HasAncestorIn(string path, HashSet<string> paths)
    {
        for (var parent = RelativePaths.Parent(path); parent is not null; parent = RelativePaths.Parent(parent))
        {
            if (paths.Contains(parent))
            {
                return true;
            }
        }

        return false;
    }

    private EntryStatus? TryGetStatus(string path)
    {
        try
        {
            return posix.GetStatus(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static void ReportUnclaimedPayload(RestoreSource source, IPayloadIndex index, RestoreResult result)
    {
        if (!source.HasTreeMetadata)
        {
            return;
        }

        foreach (var path in index.Unclaimed())
        {
            result.Problems.Add($"data/{path} is in the payload manifest but not recorded in {TreeMetadataFormat.FileName}");
        }
    }
}
