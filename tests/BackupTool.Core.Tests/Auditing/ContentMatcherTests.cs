using BackupTool.Core.Auditing;
using BackupTool.Core.Manifests;

namespace BackupTool.Core.Tests.Auditing;

public sealed class ContentMatcherTests
{
    // Digests are written as small decimal numbers; null marks a tree file that was not hashed.
    private static AuditReport Match(Dictionary<string, string> snapshot, Dictionary<string, string?> tree)
    {
        var snapshotFiles = snapshot
            .Select(f => (f.Key, UInt128.Parse(f.Value)))
            .OrderBy(f => f.Key, PathComparer.Instance)
            .ToArray();
        var treePaths = new Utf8PathTable();
        var treeFiles = tree
            .OrderBy(f => f.Key, PathComparer.Instance)
            .Select(f => new TreeFile(treePaths.Add(f.Key), 0)
            {
                Digest = f.Value is null ? 0 : UInt128.Parse(f.Value),
                Hashed = f.Value is not null,
            })
            .ToList();
        var report = new AuditReport();
        ContentMatcher.Match(snapshotFiles, treePaths, treeFiles, report);
        return report;
    }

    [Fact]
    public void Match_SamePathSameDigest_IsUnchanged()
    {
        var report = Match(new() { ["a"] = "1" }, new() { ["a"] = "1" });

        Assert.Equal(["a"], report.Unchanged);
        Assert.Empty(report.New);
        Assert.False(report.HasDifferences(strict: true));
    }

    [Fact]
    public void Match_ContentAtOtherPath_IsMovedNotNew()
    {
        var report = Match(new() { ["old/a"] = "1" }, new() { ["new/a"] = "1" });

        Assert.Equal([new MovedFile("old/a", "new/a")], report.Moved);
        Assert.Empty(report.New);
        Assert.Empty(report.Missing);
        Assert.False(report.HasDifferences(strict: false));
        Assert.True(report.HasDifferences(strict: true));
    }

    [Fact]
    public void Match_SamePathOtherDigest_IsModified()
    {
        var report = Match(new() { ["a"] = "1" }, new() { ["a"] = "2" });

        Assert.Equal([new ChangedFile("a")], report.Modified);
        Assert.Empty(report.New);
        Assert.True(report.HasDifferences(strict: false));
    }

    [Fact]
    public void Match_SamePathNotHashed_IsModified()
    {
        var report = Match(new() { ["a"] = "1" }, new() { ["a"] = null });

        Assert.Equal([new ChangedFile("a")], report.Modified);
    }

    [Fact]
    public void Match_EditedFileWithCopyElsewhere_IsModifiedAndCopyIsNew()
    {
        var report = Match(new() { ["README"] = "1" }, new() { ["README"] = "2", ["docs/README"] = "1" });

        Assert.Equal([new ChangedFile("README", "docs/README")], report.Modified);
        Assert.Equal(["docs/README"], report.New);
        Assert.Empty(report.Moved);
    }

    [Fact]
    public void Match_PathAndContentGone_IsMissing()
    {
        var report = Match(new() { ["a"] = "1", ["b"] = "2" }, new() { ["b"] = "2" });

        Assert.Equal([new ChangedFile("a")], report.Missing);
        Assert.True(report.HasDifferences(strict: false));
    }

    [Fact]
    public void Match_TwoIdenticalFilesOneLeft_OneIsMissingWithContentPresent()
    {
        var report = Match(new() { ["x/a"] = "1", ["y/a"] = "1" }, new() { ["z/a"] = "1" });

        Assert.Equal([new MovedFile("x/a", "z/a")], report.Moved);
        Assert.Equal([new ChangedFile("y/a", "z/a")], report.Missing);
    }

    [Fact]
    public void Match_TwoIdenticalFilesOneUnchanged_OtherIsMissingWithContentPresent()
    {
        var report = Match(new() { ["a"] = "1", ["b"] = "1" }, new() { ["a"] = "1" });

        Assert.Equal(["a"], report.Unchanged);
        Assert.Equal([new ChangedFile("b", "a")], report.Missing);
    }

    [Fact]
    public void Match_DuplicateContentMoved_PrefersSameFileName()
    {
        var report = Match(
            new() { ["old/one.txt"] = "1", ["old/two.txt"] = "1" },
            new() { ["new/a-two.txt"] = "1", ["new/b/one.txt"] = "1", ["new/two.txt"] = "1" });

        Assert.Contains(new MovedFile("old/one.txt", "new/b/one.txt"), report.Moved);
        Assert.Contains(new MovedFile("old/two.txt", "new/two.txt"), report.Moved);
        Assert.Equal(["new/a-two.txt"], report.New);
    }

    [Fact]
    public void Match_ExtraIdenticalCopyInTree_IsNew()
    {
        var report = Match(new() { ["a"] = "1" }, new() { ["a"] = "1", ["copy"] = "1" });

        Assert.Equal(["a"], report.Unchanged);
        Assert.Equal(["copy"], report.New);
        Assert.False(report.HasDifferences(strict: false));
        Assert.True(report.HasDifferences(strict: true));
    }

    [Fact]
    public void Match_ManyIdenticalEmptyFilesMoved_PairsSameNamesFirst()
    {
        var snapshot = new Dictionary<string, string>();
        var tree = new Dictionary<string, string?>();
        for (var i = 0; i < 2000; i++)
        {
            snapshot[$"old/p{i}/__init__.py"] = "7";
            tree[$"new/p{i}/__init__.py"] = "7";
        }

        snapshot["old/empty.txt"] = "7";
        tree["new/empty.txt"] = "7";

        var report = Match(snapshot, tree);

        Assert.Equal(2001, report.Moved.Count);
        Assert.All(report.Moved, m => Assert.Equal(m.From[(m.From.LastIndexOf('/') + 1)..], m.To[(m.To.LastIndexOf('/') + 1)..]));
        Assert.Empty(report.New);
        Assert.Empty(report.Missing);
    }

    [Fact]
    public void Match_SwappedContents_AreBothModified()
    {
        var report = Match(new() { ["a"] = "1", ["b"] = "2" }, new() { ["a"] = "2", ["b"] = "1" });

        Assert.Equal([new ChangedFile("a", "b"), new ChangedFile("b", "a")], report.Modified);
        Assert.Empty(report.New);
    }
}
