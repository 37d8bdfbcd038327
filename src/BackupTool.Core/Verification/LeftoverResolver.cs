using System.IO.Abstractions;
using BackupTool.Core.Bags;

namespace BackupTool.Core.Verification;

/// <summary>Decides what the listed-but-absent paths and the unlisted files of a bag are.</summary>
/// <remarks>
/// A listed path whose file exists under a name that differs only in Unicode normalization is
/// matched to it, with a warning, and checked. One that differs only in case stays missing, because
/// Linux file names are case-sensitive, with a warning naming the twin. A missing file that
/// <c>fetch.txt</c> names makes the bag incomplete. The folders are only listed when no symbolic link
/// leads to them, so nothing outside the bag is touched.
/// </remarks>
internal sealed class LeftoverResolver(
    IFileSystem fileSystem, string bagPath, IReadOnlyList<ManifestFile> manifests, FetchFile? fetch,
    VerificationFindings findings)
{
    private readonly Dictionary<string, string[]?> _folderNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FetchEntry> _fetchByPath =
        (fetch?.Entries ?? []).DistinctBy(e => e.Path).ToDictionary(e => e.Path, StringComparer.Ordinal);

    /// <summary>The <c>fetch.txt</c> entries of listed files that are still to be downloaded.</summary>
    public List<FetchEntry> PendingFetches { get; } = [];

    /// <summary>Reports the missing and unexpected paths and returns the matches that still need hashing.</summary>
    public List<PayloadItem> Resolve(List<PayloadItem> missing, List<PayloadFile> unexpected)
    {
        var unlisted = unexpected.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var unlistedByKey = unexpected.ToLookup(f => NameKeys.Normalization(f.Path), StringComparer.Ordinal);
        var matched = new List<PayloadItem>();
        foreach (var item in missing)
        {
            var twin = unlistedByKey[NameKeys.Normalization(item.Path)].FirstOrDefault(f => unlisted.ContainsKey(f.Path))
                ?? FindNormalizationTwin(item.Path);
            if (twin is not null)
            {
                unlisted.Remove(twin.Path);
                WarnNormalizationTwin(item, twin.Path);
                matched.Add(item with { DiskPath = twin.Path, Length = twin.Length });
                continue;
            }

            ReportMissing(item);
        }

        foreach (var file in unlisted.Values)
        {
            findings.Problem(ProblemKind.Unexpected, file.Path, null, "in data/ but not listed in any payload manifest");
        }

        return matched;
    }

    private void WarnNormalizationTwin(PayloadItem item, string diskPath)
    {
        var (index, entry) = item.FirstListing();
        findings.Warning(manifests[index].FileName, entry.Line,
            $"'{item.Path}' matches the file '{diskPath}' only after Unicode normalization");
    }

    private void ReportMissing(PayloadItem item)
    {
        var (index, entry) = item.FirstListing();
        var where = $"listed in {manifests[index].FileName} line {entry.Line}";
        var caseTwin = FindCaseTwin(item.Path);
        if (caseTwin is not null)
        {
            findings.Warning(item.Path, null, $"'{item.Path}' and the file '{caseTwin}' differ only in case");
        }

        var fetchEntry = _fetchByPath.GetValueOrDefault(item.Path);
        var (kind, message) = ProbePath(item.Path) switch
        {
            PathState.Folder => (ProblemKind.Missing, $"{where}, but a folder is at that path"),
            PathState.Link => (ProblemKind.Unreadable, $"{where}, but it is a symbolic link or lies under one, which verify does not follow"),
            _ when fetchEntry is not null => (ProblemKind.FetchPending,
                $"{where}, still to be fetched from {fetchEntry.Url} ({FetchFile.FileName} line {fetchEntry.LineNumber})"),
            _ when caseTwin is not null => (ProblemKind.Missing, $"{where}, but only '{caseTwin}' exists, which differs in case"),
            _ => (ProblemKind.Missing, $"{where}, but not found"),
        };
        if (kind == ProblemKind.FetchPending)
        {
            PendingFetches.Add(fetchEntry!);
        }

        findings.Problem(kind, item.Path, entry.Line, message);
    }

    private PayloadFile? FindNormalizationTwin(string path)
    {
        var key = NameKeys.Normalization(LastName(path));
        var name = NamesIn(Parent(path))?.FirstOrDefault(n => n != LastName(path) && NameKeys.Normalization(n) == key);
        if (name is null)
        {
            return null;
        }

        var twinPath = Parent(path) + "/" + name;
        var info = fileSystem.FileInfo.New(fileSystem.Path.Combine(bagPath, twinPath));
        return (info.Attributes & FileAttributes.ReparsePoint) == 0 && !info.Attributes.HasFlag(FileAttributes.Directory)
            ? new PayloadFile(twinPath, info.Length) : null;
    }

    private string? FindCaseTwin(string path)
    {
        var name = LastName(path);
        var twin = NamesIn(Parent(path))?.FirstOrDefault(n => n != name
            && string.Equals(NameKeys.CaseAndNormalization(n), NameKeys.CaseAndNormalization(name), StringComparison.Ordinal));
        return twin is null ? null : Parent(path) + "/" + twin;
    }

    private PathState ProbePath(string path)
    {
        if (NamesIn(Parent(path)) is not { } names || !names.Contains(LastName(path)))
        {
            return PathState.Absent;
        }

        var attributes = fileSystem.File.GetAttributes(fileSystem.Path.Combine(bagPath, path));
        return (attributes & FileAttributes.ReparsePoint) != 0 ? PathState.Link
            : (attributes & FileAttributes.Directory) != 0 ? PathState.Folder : PathState.Absent;
    }

    // Lists a folder of the bag, or returns null when it is absent or a symbolic link leads to it.
    private string[]? NamesIn(string folder)
    {
        if (_folderNames.TryGetValue(folder, out var cached))
        {
            return cached;
        }

        string[]? names = null;
        var parent = folder.Contains('/') ? folder[..folder.LastIndexOf('/')] : null;
        var parentNames = parent is null ? [folder] : NamesIn(parent);
        var fullPath = fileSystem.Path.Combine(bagPath, folder);
        if (parentNames is not null && parentNames.Contains(LastName(folder)) && fileSystem.Directory.Exists(fullPath)
            && (fileSystem.File.GetAttributes(fullPath) & FileAttributes.ReparsePoint) == 0)
        {
            names = fileSystem.Directory.EnumerateFileSystemEntries(fullPath).Select(p => fileSystem.Path.GetFileName(p)).ToArray();
        }

        _folderNames[folder] = names;
        return names;
    }

    private static string Parent(string path) => path[..path.LastIndexOf('/')];

    private static string LastName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private enum PathState
    {
        Absent,
        Folder,
        Link,
    }
}
