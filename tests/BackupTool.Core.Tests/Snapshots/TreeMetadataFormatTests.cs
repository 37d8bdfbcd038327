using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;

namespace BackupTool.Core.Tests.Snapshots;

public class TreeMetadataFormatTests
{
    [Fact]
    public void FormatLine_ParseLine_RoundTripsOddNames()
    {
        var entry = new TreeEntry(EntryKind.Symlink, "dir/tab\there\nnew%25line\r", 0x1ff,
            new UnixTime(-86_401, 123_456_789), 7, 1000, 1000, LinkTarget: "../target\twith%");

        var parsed = TreeMetadataFormat.ParseLine(TreeMetadataFormat.FormatLine(entry));

        Assert.Equal(entry, parsed);
    }

    [Fact]
    public void FormatLine_File_WritesOctalModeAndIsoTime()
    {
        var entry = new TreeEntry(EntryKind.File, "a.txt", 0x1a4, new UnixTime(0, 5), 12, 0, 0);

        var line = TreeMetadataFormat.FormatLine(entry);

        Assert.Equal("f\t0644\t1970-01-01T00:00:00.000000005Z\t12\t0\t0\ta.txt\t\t", line);
    }

    [Theory]
    [InlineData("x\t0644\t1970-01-01T00:00:00.000000000Z\t0\t0\t0\ta\t\t", "unknown entry type")]
    [InlineData("f\t0948\t1970-01-01T00:00:00.000000000Z\t0\t0\t0\ta\t\t", "invalid mode")]
    [InlineData("f\t0644\tyesterday\t0\t0\t0\ta\t\t", "invalid mtime")]
    [InlineData("f\t0644", "expected 9")]
    public void ParseLine_Malformed_ThrowsNamingTheField(string line, string reason)
    {
        var exception = Assert.Throws<FormatException>(() => TreeMetadataFormat.ParseLine(line));

        Assert.Contains(reason, exception.Message);
    }
}
