using System.IO.Abstractions;
using BackupTool.Core.Manifests;
using Serilog;

namespace BackupTool.Core.Verification;

/// <summary>Lists the regular files under <c>data/</c> in <see cref="PathComparer"/> order, streaming.</summary>
/// <remarks>
/// Each folder is listed once and its entries sorted by name, folders as <c>name/</c>, which yields
/// whole paths in code-point order without holding the tree in memory. Symbolic links are neither
/// followed nor yielded, so nothing outside the bag is read. The walk warns about operating-system
/// clutter and about names in one folder that differ only in case or Unicode normalization.
/// </remarks>
internal sealed class PayloadWalker(IFileSystem fileSystem, ILogger logger, VerificationFindings findings)
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
        foreach (var info in fileSystem.DirectoryInfo.New(directory).EnumerateFileSystemInfos())
        {
            var relativePath = relative + "/" + info.Name;
            if (ClutterNames.Contains(info.Name) || info.Name.StartsWith("._", StringComparison.Ordinal))
            {
                findings.Warning(relativePath, null, "operating-system clutter; it does not belong in a payload");
            }

            if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                logger.Debug("Skipping symbolic link {PayloadPath}", relativePath);
                continue;
            }

            var isDirectory = info is IDirectoryInfo;
            var length = info is IFileInfo file ? file.Length : 0;
            entries.Add(new WalkEntry(info.FullName, relativePath, isDirectory, length));
        }

        return entries;
    }

    private void WarnAboutTwins(List<WalkEntry> entries, string relative)
    {
        if (entries.Count < 2)
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

    private sealed record WalkEntry(string FullPath, string RelativePath, bool IsDirectory, long Length)
    {
        public string SortKey => IsDirectory ? RelativePath + "/" : RelativePath;
    }
}
