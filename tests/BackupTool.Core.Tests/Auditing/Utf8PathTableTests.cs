using BackupTool.Core.Auditing;
using BackupTool.Core.Manifests;

namespace BackupTool.Core.Tests.Auditing;

public sealed class Utf8PathTableTests
{
    [Fact]
    public void GetString_AfterAdd_ReturnsSamePath()
    {
        var table = new Utf8PathTable();

        var first = table.Add("docs/Übersicht.md");
        var second = table.Add("a/\U0001F600.txt");

        Assert.Equal("docs/Übersicht.md", table.GetString(first));
        Assert.Equal("a/\U0001F600.txt", table.GetString(second));
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Compare_MixedPaths_OrdersLikePathComparer()
    {
        string[] paths = ["b", "a/b", "a-b", "a", "\uFFFD", "\U0001F600", "\uE000", "é", "z/y"];
        var table = new Utf8PathTable();
        var ids = paths.Select(table.Add).ToArray();

        var byTable = ids.Order(Comparer<int>.Create(table.Compare)).Select(table.GetString).ToArray();
        var byComparer = paths.Order(PathComparer.Instance).ToArray();

        Assert.Equal(byComparer, byTable);
    }

    [Fact]
    public void Add_PathsBeyondOneChunk_KeepsEveryPath()
    {
        var table = new Utf8PathTable();
        var longPath = string.Join('/', Enumerable.Repeat("segment", 200_000));
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(table.Add($"short-{i}"));
            ids.Add(table.Add(longPath + i));
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"short-{i}", table.GetString(ids[2 * i]));
            Assert.Equal(longPath + i, table.GetString(ids[2 * i + 1]));
        }
    }

    [Fact]
    public void FileName_ReturnsLastSegment()
    {
        var table = new Utf8PathTable();
        var nested = table.Add("a/b/c.txt");
        var top = table.Add("c.txt");

        Assert.True(table.FileName(nested).SequenceEqual("c.txt"u8));
        Assert.True(table.FileName(top).SequenceEqual("c.txt"u8));
    }

    [Fact]
    public void TreeFile_Layout_Is32Bytes()
    {
        Assert.Equal(32, System.Runtime.CompilerServices.Unsafe.SizeOf<TreeFile>());
    }
}
