using BackupTool.Core.Verification;
using static BackupTool.Core.Tests.Verification.BagVerifierTests;

namespace BackupTool.Core.Tests.Verification;

public sealed class BagVerifierDamageTests
{
    [Fact]
    public async Task VerifyAsync_FlippedByte_ReportsModified()
    {
        var bag = SampleBag().Write();
        var bytes = bag.FileSystem.File.ReadAllBytes(bag.Path("data/b/c.txt"));
        bytes[2] ^= 0x01;
        bag.FileSystem.File.WriteAllBytes(bag.Path("data/b/c.txt"), bytes);

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.Modified, problem.Kind);
        Assert.Equal("data/b/c.txt", problem.Path);
        Assert.Equal(3, problem.Line);
        Assert.Equal(VerificationVerdict.Invalid, report.Verdict);
        Assert.Equal(2, report.FilesVerified);
    }

    [Fact]
    public async Task VerifyAsync_DeletedFile_ReportsMissingAndOxum()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.Delete(bag.Path("data/a.txt"));

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Missing && p.Path == "data/a.txt" && p.Line == 1);
        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.PayloadOxumMismatch);
        Assert.Equal(2, report.Problems.Count);
    }

    [Fact]
    public async Task VerifyAsync_AddedFile_ReportsUnexpected()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.WriteAllText(bag.Path("data/b/extra.txt"), "extra");

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Unexpected && p.Path == "data/b/extra.txt");
        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.PayloadOxumMismatch);
    }

    [Fact]
    public async Task VerifyAsync_DeletedAndAddedWithSameSize_ReportsBothDespiteOxum()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.Delete(bag.Path("data/a.txt"));
        bag.FileSystem.File.WriteAllText(bag.Path("data/z.txt"), "ALPHA");

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Missing && p.Path == "data/a.txt");
        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Unexpected && p.Path == "data/z.txt");
        Assert.DoesNotContain(report.Problems, p => p.Kind == ProblemKind.PayloadOxumMismatch);
    }

    [Fact]
    public async Task VerifyAsync_MissingFileWithCopyElsewhere_ReportsMissing()
    {
        var bag = SampleBag().Add("copy-of-a.txt", "alpha").Write();
        bag.FileSystem.File.Delete(bag.Path("data/a.txt"));

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Missing && p.Path == "data/a.txt");
    }

    [Fact]
    public async Task VerifyAsync_EmptiedManifest_ReportsEmptyManifestAndUnlistedFiles()
    {
        var bag = SampleBag().Write();
        bag.WriteText("manifest-sha256.txt", "");
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.ManifestEmpty && p.Path == "manifest-sha256.txt");
        Assert.Equal(3, report.Problems.Count(p => p.Kind == ProblemKind.Unexpected));
        Assert.NotEqual(VerificationVerdict.Valid, report.Verdict);
    }

    [Fact]
    public async Task VerifyAsync_DeletedManifest_ReportsManifestMissing()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.Delete(bag.Path("manifest-sha256.txt"));
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.ManifestMissing);
    }

    [Fact]
    public async Task VerifyAsync_RemovedManifestLine_ReportsUnexpected()
    {
        var bag = SampleBag().Write();
        var lines = bag.ReadText("manifest-sha256.txt").Split('\n').Where(l => !l.EndsWith("data/b.txt"));
        bag.WriteText("manifest-sha256.txt", string.Join("\n", lines));
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.Unexpected, problem.Kind);
        Assert.Equal("data/b.txt", problem.Path);
    }

    [Fact]
    public async Task VerifyAsync_RemovedManifestLineWithoutTagUpdate_ReportsTagFileDamaged()
    {
        var bag = SampleBag().Write();
        var lines = bag.ReadText("manifest-sha256.txt").Split('\n').Where(l => !l.EndsWith("data/b.txt"));
        bag.WriteText("manifest-sha256.txt", string.Join("\n", lines));

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.TagFileDamaged && p.Path == "manifest-sha256.txt");
        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Unexpected && p.Path == "data/b.txt");
    }

    [Fact]
    public async Task VerifyAsync_DamagedBagInfo_ReportsTagFileDamaged()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.AppendAllText(bag.Path("bag-info.txt"), "Contact-Name: Mallory\n");

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.TagFileDamaged, problem.Kind);
        Assert.Equal("bag-info.txt", problem.Path);
        Assert.Contains("tagmanifest-sha256.txt line 1", problem.Message);
    }

    [Fact]
    public async Task VerifyAsync_HashOfWrongLength_ReportsMalformedLineWithNumber()
    {
        var bag = SampleBag().Write();
        var text = bag.ReadText("manifest-sha256.txt");
        var digest = BagFixture.Digest("sha256", bag.Payload["b.txt"]);
        bag.WriteText("manifest-sha256.txt", text.Replace(digest, digest[..40]));
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        var malformed = Assert.Single(report.Problems, p => p.Kind == ProblemKind.MalformedLine);
        Assert.Equal("manifest-sha256.txt", malformed.Path);
        Assert.Equal(2, malformed.Line);
        Assert.Contains("40", malformed.Message);
        Assert.Contains("64", malformed.Message);
        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Unexpected && p.Path == "data/b.txt");
    }

    [Fact]
    public async Task VerifyAsync_GarbageLine_ReportsMalformedLineAndChecksTheRest()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.AppendAllText(bag.Path("manifest-sha256.txt"), "this is not a manifest line\n");
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.MalformedLine, problem.Kind);
        Assert.Equal(4, problem.Line);
        Assert.Equal(3, report.FilesVerified);
    }

    [Fact]
    public async Task VerifyAsync_DeletedTagManifestOfForeignBag_IsValidWithWarning()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.Delete(bag.Path("tagmanifest-sha256.txt"));

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Message.Contains("no tag manifest"));
    }

    [Fact]
    public async Task VerifyAsync_DeletedTagManifestOfSnapshot_ReportsTagManifestMissing()
    {
        var bag = SampleBag();
        bag.Write();
        bag.WriteText("backup-tree.tsv", "# backup-tree 1\nd\t0755\t1970-01-01T00:00:00.000000000Z\t0\t0\t0\tb\t\t\n");
        bag.FileSystem.File.Delete(bag.Path("tagmanifest-sha256.txt"));

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.TagManifestMissing, problem.Kind);
    }

    [Fact]
    public async Task VerifyAsync_PayloadFileReplacedByFolder_ReportsMissing()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.Delete(bag.Path("data/a.txt"));
        bag.FileSystem.Directory.CreateDirectory(bag.Path("data/a.txt"));

        var report = await VerifyAsync(bag);

        var missing = Assert.Single(report.Problems, p => p.Kind == ProblemKind.Missing);
        Assert.Equal("data/a.txt", missing.Path);
        Assert.Contains("folder", missing.Message);
    }

    [Fact]
    public async Task VerifyAsync_MissingDataFolder_ReportsEveryFileMissing()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.Directory.Delete(bag.Path("data"), recursive: true);

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Missing && p.Path == "data/");
        Assert.Equal(4, report.Problems.Count(p => p.Kind == ProblemKind.Missing));
    }

    [Fact]
    public async Task VerifyAsync_FileMissingFromOneOfTwoManifests_ReportsItIn10Only()
    {
        foreach (var (version, expectProblem) in new[] { ("1.0", true), ("0.97", false) })
        {
            var bag = new BagFixture { Version = version, Algorithms = ["md5", "sha256"] }.Add("a.txt", "a").Add("b.txt", "b").Write();
            var lines = bag.ReadText("manifest-md5.txt").Split('\n').Where(l => !l.EndsWith("data/b.txt"));
            bag.WriteText("manifest-md5.txt", string.Join("\n", lines));
            bag.WriteTagManifests();

            var report = await VerifyAsync(bag);

            Assert.Equal(expectProblem, report.Problems.Any(p => p.Kind == ProblemKind.Unexpected && p.Path == "data/b.txt"));
            Assert.Equal(2, report.FilesVerified);
        }
    }

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("0.97", false)]
    public async Task VerifyAsync_SameLineTwice_IsProblemOnlyIn10(string version, bool expectProblem)
    {
        var bag = new BagFixture { Version = version }.Add("a.txt", "a").Write();
        var line = bag.ReadText("manifest-sha256.txt");
        bag.WriteText("manifest-sha256.txt", line + line);
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        Assert.Equal(expectProblem, report.Problems.Any(p => p.Kind == ProblemKind.DuplicateEntry && p.Line == 2));
        Assert.Equal(!expectProblem, report.Warnings.Any(w => w.Line == 2 && w.Message.Contains("again")));
    }

    [Fact]
    public async Task VerifyAsync_SamePathWithTwoChecksums_ReportsDuplicate()
    {
        var bag = new BagFixture { Version = "0.97" }.Add("a.txt", "a").Write();
        bag.FileSystem.File.AppendAllText(bag.Path("manifest-sha256.txt"), new string('1', 64) + "  data/a.txt\n");
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.DuplicateEntry, problem.Kind);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public async Task VerifyAsync_UnsupportedAlgorithm_ReportsIt()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.Move(bag.Path("manifest-sha256.txt"), bag.Path("manifest-blake3.txt"));
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems, p => p.Kind == ProblemKind.UnsupportedAlgorithm);
        Assert.Equal("manifest-blake3.txt", problem.Path);
        Assert.Contains("blake3", problem.Message);
    }

    [Fact]
    public async Task VerifyAsync_UnsupportedTagManifestAndNoManifest_ReportsBoth()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.Move(bag.Path("tagmanifest-sha256.txt"), bag.Path("tagmanifest-blake3.txt"));
        bag.FileSystem.File.Delete(bag.Path("manifest-sha256.txt"));

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.UnsupportedAlgorithm && p.Path == "tagmanifest-blake3.txt");
        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.ManifestMissing);
    }

    [Fact]
    public async Task VerifyAsync_WrongPayloadOxum_ReportsMismatch()
    {
        var bag = SampleBag();
        bag.WritePayloadOxum = false;
        bag.Metadata.Add(("Payload-Oxum", "999.3"));
        bag.Write();

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.PayloadOxumMismatch, problem.Kind);
        Assert.Equal(3, report.FilesVerified);
    }

    [Fact]
    public async Task VerifyAsync_MissingDeclaration_ReportsInvalidDeclaration()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.Delete(bag.Path("bagit.txt"));
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.InvalidDeclaration, problem.Kind);
        Assert.Null(report.BagItVersion);
    }

    [Theory]
    [InlineData("BagIt-Version: 1.0\r\nTag-File-Character-Encoding: UTF-8\r\n", false)]
    [InlineData("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8", false)]
    [InlineData("\uFEFFBagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", true)]
    [InlineData("BagIt-Version : 1.0\nTag-File-Character-Encoding: UTF-8\n", true)]
    [InlineData("BagIt-Version: 1.0\n", true)]
    [InlineData("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\nExtra: line\n", true)]
    [InlineData("Tag-File-Character-Encoding: UTF-8\nBagIt-Version: 1.0\n", true)]
    public async Task VerifyAsync_DeclarationVariant_ReachesVerdict(string declaration, bool expectProblem)
    {
        var bag = SampleBag().Write();
        bag.WriteText("bagit.txt", declaration);
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        Assert.Equal(expectProblem, report.Problems.Any(p => p.Kind == ProblemKind.InvalidDeclaration));
    }

    [Fact]
    public async Task VerifyAsync_FileListedInFetch_IsIncompleteNamingUrl()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.Delete(bag.Path("data/b/c.txt"));
        bag.WriteText("fetch.txt", "https://example.org/c.txt 7 data/b/c.txt\n");
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        Assert.Equal(VerificationVerdict.Incomplete, report.Verdict);
        var problem = Assert.Single(report.Problems, p => p.Kind == ProblemKind.FetchPending);
        Assert.Equal("data/b/c.txt", problem.Path);
        Assert.Contains("https://example.org/c.txt", problem.Message);
    }

    [Fact]
    public async Task VerifyAsync_FetchDestinationOutsideBag_ReportsPathOutsideBag()
    {
        var bag = SampleBag().Write();
        bag.WriteText("fetch.txt", "https://example.org/x - data/../../etc/passwd\n");
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.PathOutsideBag, problem.Kind);
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public async Task VerifyAsync_ManifestCannotBeOpened_ThrowsIOException()
    {
        var fileSystem = new System.IO.Abstractions.TestingHelpers.MockFileSystem();
        var bag = new BagFixture(fileSystem).Add("a.txt", "a").Write();
        var manifest = fileSystem.GetFile(bag.Path("manifest-sha256.txt"));
        manifest.AllowedFileShare = FileShare.None;

        await Assert.ThrowsAnyAsync<IOException>(() => VerifyAsync(bag));
    }
}
