using System.Diagnostics;
using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using BackupTool.Core.Tests.Support;
using BackupTool.Core.Verification;
using Serilog.Core;
using static BackupTool.Core.Tests.Verification.BagVerifierTests;

namespace BackupTool.Core.Tests.Verification;

public sealed class BagVerifierSafetyTests
{
    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("data/../../outside.txt")]
    [InlineData("/outside.txt")]
    [InlineData("~/outside.txt")]
    [InlineData("~root/outside.txt")]
    [InlineData("C:\\outside.txt")]
    [InlineData("\\\\server\\share\\outside.txt")]
    [InlineData("data/sub/../../../outside.txt")]
    public async Task VerifyAsync_ManifestPathLeavingBag_IsRejectedUnread(string path)
    {
        var fileSystem = new MockFileSystem();
        var bag = new BagFixture(fileSystem).Add("a.txt", "a").Write();
        fileSystem.File.AppendAllText(bag.Path("manifest-sha256.txt"),
            BagFixture.Digest("sha256", "secret"u8.ToArray()) + "  " + path + "\n");
        bag.WriteTagManifests();
        AddLockedOutsideFile(fileSystem);

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.PathOutsideBag, problem.Kind);
        Assert.Equal(2, problem.Line);
        Assert.Equal(1, report.FilesVerified);
    }

    [Fact]
    public async Task VerifyAsync_TagManifestPathLeavingBag_IsRejectedUnread()
    {
        var fileSystem = new MockFileSystem();
        var bag = new BagFixture(fileSystem).Add("a.txt", "a").Write();
        fileSystem.File.AppendAllText(bag.Path("tagmanifest-sha256.txt"),
            BagFixture.Digest("sha256", "secret"u8.ToArray()) + "  ../outside.txt\n");
        AddLockedOutsideFile(fileSystem);

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.PathOutsideBag, problem.Kind);
        Assert.Equal("tagmanifest-sha256.txt", problem.Path);
    }

    [SkippableFact]
    public async Task VerifyAsync_SymlinkToOutsideListedInManifest_IsNotFollowed()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Symbolic links need a POSIX file system.");
        using var temp = new TempDirectory();
        var outside = temp.Combine("outside.txt");
        File.WriteAllText(outside, "secret");
        var bag = new BagFixture(new FileSystem(), temp.Combine("bag")).Add("a.txt", "a").Add("link.txt", "secret").Write();
        File.Delete(bag.Path("data/link.txt"));
        File.CreateSymbolicLink(bag.Path("data/link.txt"), outside);

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems, p => p.Path == "data/link.txt");
        Assert.Equal(ProblemKind.Unreadable, problem.Kind);
        Assert.Contains("symbolic link", problem.Message);
        Assert.Equal(1, report.FilesVerified);
    }

    [SkippableFact]
    public async Task VerifyAsync_UnlistedSymlinkToFolderOutside_IsNotWalked()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Symbolic links need a POSIX file system.");
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("outside"));
        File.WriteAllText(temp.Combine("outside", "secret.txt"), "secret");
        var bag = new BagFixture(new FileSystem(), temp.Combine("bag")).Add("a.txt", "a").Write();
        Directory.CreateSymbolicLink(bag.Path("data/elsewhere"), temp.Combine("outside"));

        var report = await VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(1, report.FilesVerified);
    }

    [SkippableFact]
    public async Task VerifyAsync_UnreadablePayloadFile_ReportsUnreadable()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "File modes need Linux.");
        Skip.If(Environment.UserName == "root", "root reads files whatever their mode.");
        using var temp = new TempDirectory();
        var bag = new BagFixture(new FileSystem(), temp.Combine("bag")).Add("a.txt", "a").Add("b.txt", "b").Write();
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(bag.Path("data/b.txt"), UnixFileMode.None);
        }

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.Unreadable, problem.Kind);
        Assert.Equal("data/b.txt", problem.Path);
    }

    [SkippableFact]
    public async Task VerifyAsync_BagMadeWithMd5sum_IsValid()
    {
        Skip.IfNot(File.Exists("/usr/bin/md5sum") || File.Exists("/bin/md5sum"), "md5sum is not installed.");
        using var temp = new TempDirectory();
        var bag = temp.Combine("bag");
        Directory.CreateDirectory(Path.Combine(bag, "data", "sub dir"));
        File.WriteAllText(Path.Combine(bag, "data", "one.txt"), "one\n");
        File.WriteAllText(Path.Combine(bag, "data", "sub dir", "two words.txt"), "two\n");
        File.WriteAllBytes(Path.Combine(bag, "data", "zeros.bin"), new byte[70_000]);
        File.WriteAllText(Path.Combine(bag, "bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
        var manifest = RunShell(bag, "find data -type f -print0 | xargs -0 md5sum");
        File.WriteAllText(Path.Combine(bag, "manifest-md5.txt"), manifest);

        var report = await new BagVerifier(new FileSystem(), Logger.None).VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Equal(3, report.FilesVerified);
        Assert.Equal(3, manifest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [SkippableFact]
    public async Task VerifyAsync_BagMadeWithMd5sumBinaryMode_IsValidWithWarnings()
    {
        Skip.IfNot(File.Exists("/usr/bin/md5sum") || File.Exists("/bin/md5sum"), "md5sum is not installed.");
        using var temp = new TempDirectory();
        var bag = temp.Combine("bag");
        Directory.CreateDirectory(Path.Combine(bag, "data"));
        File.WriteAllText(Path.Combine(bag, "data", "one.txt"), "one\n");
        File.WriteAllText(Path.Combine(bag, "bagit.txt"), "BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n");
        File.WriteAllText(Path.Combine(bag, "manifest-md5.txt"), RunShell(bag, "md5sum -b data/one.txt"));

        var report = await new BagVerifier(new FileSystem(), Logger.None).VerifyAsync(bag);

        Assert.Empty(report.Problems);
        Assert.Contains(report.Warnings, w => w.Path == "manifest-md5.txt" && w.Line == 1 && w.Message.Contains('*'));
    }

    [SkippableFact]
    public async Task VerifyAsync_FifoInPayload_ReportedWithoutBlocking()
    {
        Skip.IfNot(File.Exists("/usr/bin/mkfifo") || File.Exists("/bin/mkfifo"), "mkfifo is not installed.");
        using var temp = new TempDirectory();
        var bag = new BagFixture(new FileSystem(), temp.Combine("bag")).Add("a.txt", "a").Add("pipe", "").Write();
        File.Delete(bag.Path("data/pipe"));
        RunShell(bag.Path("data"), "mkfifo pipe");

        var verification = VerifyAsync(bag);
        var finished = await Task.WhenAny(verification, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(verification, finished);
        var problems = (await verification).Problems;
        Assert.Contains(problems, p => p.Kind == ProblemKind.Unexpected && p.Path == "data/pipe");
        Assert.Contains(problems, p => p.Kind == ProblemKind.Missing && p.Path == "data/pipe");
    }

    // Opening the file for reading fails, so a verifier that touched it would report it unreadable.
    private static void AddLockedOutsideFile(MockFileSystem fileSystem) =>
        fileSystem.AddFile("/outside.txt", new MockFileData("secret") { AllowedFileShare = FileShare.None });

    private static string RunShell(string workingDirectory, string command)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", command])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
