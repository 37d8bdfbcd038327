using System.Text;
using BackupTool.Core.Verification;
using Serilog.Core;

namespace BackupTool.Core.Tests.Verification;

public sealed class BagVerifierTests
{
    public static TheoryData<string> Versions => new() { "0.93", "0.94", "0.95", "0.96", "0.97", "1.0" };

    public static TheoryData<string> Algorithms => new() { "md5", "sha1", "sha256", "sha384", "sha512" };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task VerifyAsync_IntactBagOfEachVersion_IsValid(string version)
    {
        var bag = SampleBag();
        bag.Version = version;
        bag.Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(VerificationVerdict.Valid, report.Verdict);
        Assert.Equal(version, report.BagItVersion);
        Assert.Equal(3, report.FilesVerified);
        Assert.Equal(bag.Payload.Values.Sum(v => v.Length), report.BytesVerified);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task VerifyAsync_IntactBagOfEachAlgorithm_IsValid(string algorithm)
    {
        var bag = SampleBag();
        bag.Algorithms = [algorithm];
        bag.TagAlgorithms = [algorithm];
        bag.Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(3, report.FilesVerified);
        Assert.Equal(3, report.TagFilesVerified);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")]
    public async Task VerifyAsync_Sha224ManifestWithKnownVector_IsValid(string content)
    {
        var bag = new BagFixture { Algorithms = ["sha224"] }.Add("vector.txt", content).Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(1, report.FilesVerified);
    }

    [Fact]
    public async Task VerifyAsync_Sha224OfMillionBytes_IsValid()
    {
        var bag = new BagFixture { Algorithms = ["sha224"] }.Add("a.bin", Enumerable.Repeat((byte)'a', 1_000_000).ToArray()).Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
    }

    [Fact]
    public async Task VerifyAsync_Sha224FileChanged_ReportsModified()
    {
        var bag = new BagFixture { Algorithms = ["sha224"] }.Add("vector.txt", "abc").Write();
        bag.FileSystem.File.WriteAllText(bag.Path("data/vector.txt"), "abd");

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.Modified, problem.Kind);
    }

    [Fact]
    public async Task VerifyAsync_SeveralManifests_ChecksEveryAlgorithm()
    {
        var bag = SampleBag();
        bag.Algorithms = ["md5", "sha1", "sha256", "sha512"];
        bag.Write();
        var manifest = bag.ReadText("manifest-sha512.txt");
        var damaged = manifest.Replace(BagFixture.Digest("sha512", bag.Payload["a.txt"]), new string('0', 128));
        bag.WriteText("manifest-sha512.txt", damaged);
        bag.WriteTagManifests();

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.Modified, problem.Kind);
        Assert.Equal("data/a.txt", problem.Path);
        Assert.Contains("manifest-sha512.txt", problem.Message);
        Assert.DoesNotContain("manifest-md5.txt", problem.Message);
    }

    [Theory]
    [InlineData("UTF-8")]
    [InlineData("UTF-16")]
    [InlineData("ISO-8859-1")]
    [InlineData("windows-1252")]
    public async Task VerifyAsync_TagFilesInDeclaredEncoding_IsValid(string encoding)
    {
        var bag = new BagFixture { Version = "0.97", EncodingName = encoding };
        bag.Add("café/résumé.txt", "bonjour").Add("plain.txt", "x");
        bag.Metadata.Add(("Contact-Name", "José Müller"));
        bag.Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(2, report.FilesVerified);
    }

    [Fact]
    public async Task VerifyAsync_Utf16ManifestReadAsUtf8_ReportsProblems()
    {
        var bag = new BagFixture { Version = "0.97", EncodingName = "UTF-16" }.Add("a.txt", "a").Write();
        bag.WriteText("bagit.txt", "BagIt-Version: 0.97\nTag-File-Character-Encoding: ISO-8859-1\n");

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.TagFileDamaged && p.Path == "bagit.txt");
    }

    [Theory]
    [InlineData("1.0", "100%.txt")]
    [InlineData("1.0", "line\nbreak.txt")]
    [InlineData("1.0", "carriage\rreturn.txt")]
    [InlineData("1.0", "literal%0A.txt")]
    [InlineData("0.97", "tilde%7E.txt")]
    [InlineData("0.97", "line\nbreak.txt")]
    [InlineData("1.0", "name with  spaces .txt")]
    [InlineData("1.0", " leading space.txt")]
    [InlineData("1.0", "Ünïcödé 名前.txt")]
    public async Task VerifyAsync_NameNeedingCare_IsValid(string version, string name)
    {
        var bag = new BagFixture { Version = version }.Add(name, "content").Write();

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(1, report.FilesVerified);
    }

    [Fact]
    public async Task VerifyAsync_UnsortedManifest_FindsEveryDifference()
    {
        var bag = SampleBag().Add("z.txt", "zed").Write();
        var lines = bag.ReadText("manifest-sha256.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries).Reverse();
        bag.WriteText("manifest-sha256.txt", string.Join("\n", lines) + "\n");
        bag.WriteTagManifests();
        bag.FileSystem.File.Delete(bag.Path("data/b/c.txt"));
        bag.FileSystem.File.WriteAllText(bag.Path("data/new.txt"), "new");

        var report = await VerifyAsync(bag);

        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Missing && p.Path == "data/b/c.txt");
        Assert.Contains(report.Problems, p => p.Kind == ProblemKind.Unexpected && p.Path == "data/new.txt");
        Assert.Equal(3, report.FilesVerified);
    }

    [Fact]
    public async Task VerifyAsync_ManyFilesFewDamaged_ReportsExactlyTheDamaged()
    {
        var bag = new BagFixture();
        for (var i = 0; i < 300; i++)
        {
            bag.Add($"dir{i % 7}/file{i:D3}.txt", $"content {i}");
        }

        bag.Write();
        foreach (var i in new[] { 5, 150, 299 })
        {
            bag.FileSystem.File.AppendAllText(bag.Path($"data/dir{i % 7}/file{i:D3}.txt"), "!");
        }

        var report = await VerifyAsync(bag);

        var modified = report.Problems.Where(p => p.Kind == ProblemKind.Modified).Select(p => p.Path).ToList();
        Assert.Equal(["data/dir3/file150.txt", "data/dir5/file005.txt", "data/dir5/file299.txt"], modified);
        Assert.Equal(297, report.FilesVerified);
        Assert.Equal(300, report.FilesListed);
    }

    [Fact]
    public async Task VerifyAsync_WithProgress_ReportsEveryFile()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.WriteAllText(bag.Path("data/a.txt"), "damaged");
        var reports = new System.Collections.Concurrent.ConcurrentBag<VerificationProgress>();
        var options = new VerificationOptions(Progress: new RecordingProgress(reports));

        await new BagVerifier(bag.FileSystem, Logger.None).VerifyAsync(bag.Root, options);

        Assert.Equal(3, reports.Count);
        Assert.Equal(3, reports.Max(r => r.Files));
        Assert.Equal(Encoding.UTF8.GetByteCount("charlie") + bag.Payload["b.txt"].Length, reports.Max(r => r.Bytes));
    }

    [Fact]
    public async Task VerifyAsync_NoFolder_ThrowsInvalidInput()
    {
        var bag = new BagFixture();

        await Assert.ThrowsAsync<InvalidInputException>(() => VerifyAsync(bag));
    }

    [Fact]
    public async Task VerifyAsync_FolderWithNothingOfABag_ThrowsInvalidInput()
    {
        var bag = new BagFixture();
        bag.FileSystem.Directory.CreateDirectory(bag.Root);
        bag.WriteText("notes.txt", "not a bag");

        var exception = await Assert.ThrowsAsync<InvalidInputException>(() => VerifyAsync(bag));

        Assert.Contains("bagit.txt", exception.Message);
    }

    [Fact]
    public async Task VerifyTagFilesAsync_PayloadDamaged_IsValid()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.WriteAllText(bag.Path("data/a.txt"), "changed");

        var report = await new BagVerifier(bag.FileSystem, Logger.None).VerifyTagFilesAsync(bag.Root);

        Assert.Empty(report.Problems);
        Assert.Equal(3, report.TagFilesVerified);
    }

    [Fact]
    public async Task VerifyTagFilesAsync_ManifestDamaged_ReportsTagFileDamaged()
    {
        var bag = SampleBag().Write();
        bag.FileSystem.File.AppendAllText(bag.Path("manifest-sha256.txt"), "\n");

        var report = await new BagVerifier(bag.FileSystem, Logger.None).VerifyTagFilesAsync(bag.Root);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.TagFileDamaged, problem.Kind);
        Assert.Equal("manifest-sha256.txt", problem.Path);
    }

    internal static BagFixture SampleBag() => new BagFixture()
        .Add("a.txt", "alpha")
        .Add("b/c.txt", "charlie")
        .Add("b.txt", Encoding.UTF8.GetBytes("bravo, sorted before b/ by code point"));

    internal static Task<VerificationReport> VerifyAsync(BagFixture bag, bool fast = false) =>
        new BagVerifier(bag.FileSystem, Logger.None).VerifyAsync(bag.Root, new VerificationOptions(fast));

    private sealed class RecordingProgress(System.Collections.Concurrent.ConcurrentBag<VerificationProgress> reports)
        : IProgress<VerificationProgress>
    {
        public void Report(VerificationProgress value) => reports.Add(value);
    }
}
