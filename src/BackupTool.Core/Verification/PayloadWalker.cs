using BackupTool.Core.Manifests;
using BackupTool.Core.Posix;
using Serilog;

namespace BackupTool.Core.Verification;

/// <summary>Lists the regular files under <c>data/</c> in <see cref="PathComparer"/> order, streaming.</summary>
/// <remarks>
/// Each folder is listed once and its entries sorted by name, folders as <c>name/</c>, which yields
/// whole paths in code-point order without holding the tree in memory. Symbolic links are neither
/// followed nor yielded, so nothing outside the bag is read. The walk warns about operating-system
/// clutter and about names in one folder that differ only in case or Unicode normalization. It
/// also records the folders and symlinks it meets, so the tree-shape check needs no second walk.
/// </remarks>
internal sealed class PayloadWalker(IPosixFileSystem posix, ILogger logger, VerificationFindings findings)
{
    private static readonly HashSet<string> ClutterNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Thumbs.db", "ehthumbs.db", "desktop.ini", ".DS_Store", ".Spotlight-V100", ".Trashes", ".fseventsd",
        ".TemporaryItems", "$RECYCLE.BIN", "System Volume Information", "__MACOSX",
    };

    /// <summary>The number of regular files yielded so far.</summary>
    public long FileCount { get; private set; }

    /// <summary>The total size of the files yielded so far.</summary>
    public long ByteCount { get; private set; }

    /// <summary>The folders met so far below the walk's root, named relative to the bag.</summary>
    public List<string> Folders { get; } = [];

    /// <summary>The symbolic links met so far, named relative to the bag.</summary>
    public List<string> Symlinks { get; } = [];

    /// <summary>The folders that could not be listed, named relative to the bag, with the error message.</summary>
    public List<(string Path, string Reason)> UnlistedFolders { get; } = [];

    /// <summary>Yields every regular file under <paramref name="dataPath"/>, named relative to the bag.</summary>
    public IEnumerable<PayloadFile> Walk(string dataPath, string relativeRoot)
    {
        var pending = new Stack<IEnumerator<WalkEntry>>();
        pending.Push(List(dataPath, relativeRoot).GetEnumerator());
        while (pending.Count > 0)
        {
            var entries = pending.Peek();
            if (!entries.MoveNext())
            {
                entries.Dispose();
                pending.Pop();
                continue;
            }

            var entry = entries.Current;
            if (entry.IsDirectory)
            {
                pending.Push(List(entry.FullPath, entry.RelativePath).GetEnumerator());
                continue;
            }

            FileCount++;
            ByteCount += entry.Length;
            yield return new PayloadFile(entry.RelativePath, entry.Length);
        }
    }

    private IEnumerable<WalkEntry> List(string directory, string relative)
    {
        List<WalkEntry> entries;
        try
        {
            entries = ReadEntries(directory, relative);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.Error(exception, "Could not list {FolderPath}", directory);
            UnlistedFolders.Add((relative, exception.Message));
            findings.Problem(ProblemKind.Unreadable, relative + "/", null,
                $"the folder could not be listed ({exception.Message}); its files were not checked");
            return [];
        }

        WarnAboutTwins(entries, relative);
        entries.Sort((x, y) => PathComparer.Instance.Compare(x.SortKey, y.SortKey));
        return entries;
    }

    private List<WalkEntry> ReadEntries(string directory, string relative)
    {
        var entries = new List<WalkEntry>();
        foreach (var name in posix.ListDirectory(directory))
        {
            var relativePath = relative + "/" + name.Text;
            if (!name.IsValidUtf8)
            {
                // No manifest line can name it, and .NET would read it through another name.
                findings.Problem(ProblemKind.Unexpected, relativePath, null,
                    "in data/ with a name that is not valid UTF-8, so no manifest can list it");
                continue;
            }

            if (ClutterNames.Contains(name.Text) || name.Text.StartsWith("._", StringComparison.Ordinal))
            {
                findings.Warning(relativePath, null, "operating-system clutter; it does not belong in a payload");
            }

            var entry = Inspect(directory + "/" + name.Text, relativePath);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private WalkEntry? Inspect(string fullPath, string relativePath)
    {
        var status = posix.GetStatus(fullPath);
        switch (status.Kind)
        {
            case EntryKind.Directory:
                Folders.Add(relativePath);
                return new WalkEntry(fullPath, relativePath, true, 0);
            case EntryKind.File:
                return new WalkEntry(fullPath, relativePath, false, status.Size);
            case EntryKind.Symlink:
                logger.Debug("Skipping symbolic link {PayloadPath}", relativePath);
                Symlinks.Add(relativePath);
                return null;
            default:
                // Opening a named pipe to hash it would block forever.
                findings.Problem(ProblemKind.Unexpected, relativePath, null,
                    $"in data/ but a {status.Kind.ToString().ToLowerInvariant()}, not a regular file; it was not read");
                return null;
        }
    }

    private void WarnAboutTwins(List<WalkEntry> entries, string relative)
    {
        if (entries.Count < 2 || !HasTwins(entries))
        {
            return;
        }

        foreach (var group in entries.GroupBy(e => NameKeys.CaseAndNormalization(e.RelativePath)).Where(g => g.Count() > 1))
        {
            var names = group.Select(e => e.RelativePath).Order(StringComparer.Ordinal).ToList();
            var normalizationOnly = names.Select(NameKeys.Normalization).Distinct(StringComparer.Ordinal).Count() == 1;
            var kind = normalizationOnly ? "Unicode normalization" : "case";
            findings.Warning(names[0], null,
                $"names in {relative}/ differ only in {kind}: {string.Join(", ", names.Select(n => $"'{n}'"))}");
        }
    }

    // A pass without allocations: ignoring case ordinally folds the same characters as
    // ToUpperInvariant, and NameKeys.Normalization returns an ASCII name unchanged.
    private static bool HasTwins(List<WalkEntry> entries)
    {
        var seen = new HashSet<string>(entries.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (!seen.Add(NameKeys.Normalization(entry.RelativePath)))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record WalkEntry(string FullPath, string RelativePath, bool IsDirectory, long Length)
    {
        public string SortKey { get; } = IsDirectory ? RelativePath + "/" : RelativePath;
    }
}
