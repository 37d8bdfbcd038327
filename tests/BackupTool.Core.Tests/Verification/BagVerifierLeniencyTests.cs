using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;
using BackupTool.Core.Verification;
using static BackupTool.Core.Tests.Verification.BagVerifierTests;

namespace BackupTool.Core.Tests.Verification;

public sealed class BagVerifierLeniencyTests
{
    [Fact]
    public async Task VerifyAsync_CrlfManifest_IsValidWithWarning()
    {
        var bag = SampleBag();
        bag.LineEnding = "\r\n";
        bag.Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Path == "manifest-sha256.txt" && w.Message.Contains("CRLF"));
        Assert.Equal(3, report.FilesVerified);
    }

    [Fact]
    public async Task VerifyAsync_ManifestConvertedToCrlfAfterwards_IsValidWithWarning()
    {
        var bag = SampleBag().Write();
        bag.WriteText("manifest-sha256.txt", bag.ReadText("manifest-sha256.txt").Replace("\n", "\r\n"));
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Path == "manifest-sha256.txt" && w.Message.Contains("CRLF"));
    }

    [Fact]
    public async Task VerifyAsync_CrOnlyManifest_IsValidWithWarning()
    {
        var bag = SampleBag();
        bag.LineEnding = "\r";
        bag.Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Path == "manifest-sha256.txt" && w.Message.Contains("CR"));
    }

    [Theory]
    [InlineData("{0}  data/a.txt", "")]
    [InlineData("{1}  data/a.txt", "uppercase")]
    [InlineData("{0}\tdata/a.txt", "tab")]
    [InlineData("{0}   data/a.txt", "several spaces")]
    [InlineData("{0} *data/a.txt", "binary marker")]
    [InlineData("{0}  ./data/a.txt", "./")]
    [InlineData("{0} data/a.txt", "")]
    public async Task VerifyAsync_ManifestLineVariant_IsValidWithWarningOnLine(string format, string warning)
    {
        var bag = new BagFixture { Algorithms = ["md5"] }.Add("a.txt", "alpha").Write();
        var digest = BagFixture.Digest("md5", bag.Payload["a.txt"]);
        bag.WriteText("manifest-md5.txt", string.Format(format, digest, digest.ToUpperInvariant()) + "\n");
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(1, report.FilesVerified);
        var lineWarnings = report.Warnings.Where(w => w.Path == "manifest-md5.txt" && w.Line == 1).ToList();
        if (warning.Length == 0)
        {
            Assert.Empty(lineWarnings);
        }
        else
        {
            Assert.Contains(lineWarnings, w => w.Message.Contains(warning));
        }
    }

    [Theory]
    [InlineData("md5", true)]
    [InlineData("sha1", true)]
    [InlineData("sha256", false)]
    public async Task VerifyAsync_OnlyWeakAlgorithms_Warns(string algorithm, bool expectWarning)
    {
        var bag = SampleBag();
        bag.Algorithms = [algorithm];
        bag.Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(expectWarning, report.Warnings.Any(w => w.Message.Contains("weak")));
    }

    [Fact]
    public async Task VerifyAsync_WeakAndStrongAlgorithms_DoesNotWarn()
    {
        var bag = SampleBag();
        bag.Algorithms = ["md5", "sha512"];
        bag.Write();

        var report = await VerifyAsync(bag);

        Assert.DoesNotContain(report.Warnings, w => w.Message.Contains("weak"));
    }

    [Theory]
    [InlineData("Thumbs.db")]
    [InlineData(".DS_Store")]
    [InlineData("sub/desktop.ini")]
    [InlineData("._resource-fork")]
    public async Task VerifyAsync_OperatingSystemClutter_IsValidWithWarning(string name)
    {
        var bag = SampleBag().Add(name, "clutter").Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Path == "data/" + name && w.Message.Contains("clutter"));
    }

    [Fact]
    public async Task VerifyAsync_NamesDifferingOnlyInCase_AreBothCheckedWithWarning()
    {
        var bag = SampleBag().Add("Readme.txt", "one").Add("README.txt", "two").Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(5, report.FilesVerified);
        Assert.Contains(report.Warnings, w => w.Message.Contains("differ only in case"));
    }

    [Fact]
    public async Task VerifyAsync_NamesDifferingOnlyInNormalization_AreBothCheckedWithWarning()
    {
        var bag = SampleBag().Add("Nu\u0301n\u0303ez.txt", "decomposed").Add("N\u00fa\u00f1ez.txt", "composed").Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(5, report.FilesVerified);
        Assert.Contains(report.Warnings, w => w.Message.Contains("Unicode normalization"));
    }

    [Fact]
    public async Task VerifyAsync_ManifestNameInOtherNormalization_MatchesFileWithWarning()
    {
        var bag = new BagFixture().Add("N\u00fa\u00f1ez.txt", "composed").Write();
        bag.WriteText("manifest-sha256.txt", bag.ReadText("manifest-sha256.txt").Replace("N\u00fa\u00f1ez", "Nu\u0301n\u0303ez"));
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(1, report.FilesVerified);
        Assert.Contains(report.Warnings, w => w.Line == 1 && w.Message.Contains("Unicode normalization"));
    }

    [Fact]
    public async Task VerifyAsync_CombiningMarksInOtherOrder_MatchFileWithWarning()
    {
        var bag = new BagFixture().Add("s\u0323\u0307.txt", "dots").Write();
        bag.WriteText("manifest-sha256.txt", bag.ReadText("manifest-sha256.txt").Replace("s\u0323\u0307", "s\u0307\u0323"));
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Message.Contains("Unicode normalization"));
    }

    [Fact]
    public async Task VerifyAsync_ManifestNameInOtherNormalizationAndDamaged_ReportsModified()
    {
        var bag = new BagFixture().Add("N\u00fa\u00f1ez.txt", "composed").Write();
        bag.WriteText("manifest-sha256.txt", bag.ReadText("manifest-sha256.txt").Replace("N\u00fa\u00f1ez", "Nu\u0301n\u0303ez"));
        bag.WriteTagManifests();
        bag.FileSystem.File.WriteAllText(bag.Path("data/N\u00fa\u00f1ez.txt"), "changed!");

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Modified);
    }

    [Fact]
    public async Task VerifyAsync_ManifestNameInOtherCase_ReportsMissingWithWarning()
    {
        var bag = new BagFixture().Add("hello.txt", "hi").Write();
        bag.WriteText("manifest-sha256.txt", bag.ReadText("manifest-sha256.txt").Replace("hello.txt", "HELLO.txt"));
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Missing && p.Path == "data/HELLO.txt");
        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Unexpected && p.Path == "data/hello.txt");
        Assert.Contains(report.Warnings, w => w.Message.Contains("differ only in case"));
    }

    [Fact]
    public async Task VerifyAsync_Fast_SkipsHashingButFindsMissingAndSizes()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.WriteAllText(bag.Path("data/a.txt"), "ALPHA");

        var sameSize = await VerifyAsync(bag, fast: true);
        bag.FileSystem.File.WriteAllText(bag.Path("data/a.txt"), "longer alpha");
        var otherSize = await VerifyAsync(bag, fast: true);
        bag.FileSystem.File.Delete(bag.Path("data/a.txt"));
        var deleted = await VerifyAsync(bag, fast: true);

        Assert.Empty(sameSize.Problems);
        Assert.True(sameSize.Fast);
        Assert.Equal(3, sameSize.FilesVerified);
        Assert.Contains(otherSize.Problems, p => p.Kind == ProblemKind.PayloadOxumMismatch);
        Assert.Contains(deleted.Problems, p => p.Kind == ProblemKind.Missing && p.Path == "data/a.txt");
    }

    [Fact]
    public async Task VerifyAsync_FastOnSnapshotWithSizesSwapped_ReportsBothFiles()
    {
        var bag = new BagFixture().Add("a.txt", "aaaa").Add("b/c.txt", "cc").Add("d.txt", "dddddd");
        bag.Write();
        var tree = new[] { "a.txt", "b", "b/c.txt", "d.txt" }.Select(path => TreeMetadataFormat.FormatLine(new TreeEntry(
            path == "b" ? EntryKind.Directory : EntryKind.File, path, 0x1a4, default, path == "b" ? 0 : bag.Payload[path].Length, 0, 0)));
        bag.WriteText("backup-tree.tsv", TreeMetadataFormat.Header + "\n" + string.Join("\n", tree) + "\n");
        bag.WriteTagManifests();
        bag.FileSystem.File.WriteAllText(bag.Path("data/a.txt"), "aaaaa");
        bag.FileSystem.File.WriteAllText(bag.Path("data/d.txt"), "ddddd");

        var report = await VerifyAsync(bag, fast: true);

        var modified = report.Problems.Where(p => p.Kind == ProblemKind.Modified).Select(p => p.Path).ToList();
        Assert.Equal(["data/a.txt", "data/d.txt"], modified);
        Assert.DoesNotContain(report.Problems, p => p.Kind == ProblemKind.PayloadOxumMismatch);
    }

    [Fact]
    public async Task VerifyAsync_FastWithoutPayloadOxum_Warns()
    {
        var bag = SampleBag();
        bag.WritePayloadOxum = false;
        bag.Write();

        var report = await VerifyAsync(bag, fast: true);

        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Message.Contains("Payload-Oxum"));
    }

    [Fact]
    public async Task VerifyAsync_SnapshotMarkedIncomplete_IsValidWithWarning()
    {
        var bag = SampleBag();
        bag.Metadata.Add(("Backup-Incomplete", "true"));
        bag.Metadata.Add(("Backup-Skipped-Path", "secret.key"));
        bag.Metadata.Add(("Backup-Skipped-Path", "locked.db"));
        bag.Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Path == "bag-info.txt" && w.Message.Contains("2 source entries were skipped"));
    }
}
