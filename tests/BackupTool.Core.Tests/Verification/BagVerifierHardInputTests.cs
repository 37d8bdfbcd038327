using System.IO.Abstractions;
using BackupTool.Core.Tests.Support;
using BackupTool.Core.Verification;
using static BackupTool.Core.Tests.Verification.BagVerifierTests;

namespace BackupTool.Core.Tests.Verification;

/// <summary>Payload entries that .NET cannot name or must not open: byte names and special files.</summary>
public sealed class BagVerifierHardInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task VerifyAsync_AddedFileNamedNotUtf8_ReportsUnexpected()
    {
        // .NET read the name through U+FFFD, found nothing there, and the bag verified as intact.
        Skip.IfNot(OperatingSystem.IsLinux(), "byte names are tested on Linux");
        var bag = new BagFixture(new FileSystem(), _temp.Combine("bag")).Add("a.txt", "a").Write();
        RawNames.CreateFile(bag.Path("data"), "added\\xff");

        var report = await VerifyAsync(bag);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(ProblemKind.Unexpected, problem.Kind);
        Assert.Equal("data/added\\xff", problem.Path);
        Assert.Equal(VerificationVerdict.Invalid, report.Verdict);
    }

    [SkippableFact]
    public async Task VerifyAsync_NamedPipeInPayload_ReportedNeverOpened()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "named pipes are tested on Linux");
        var bag = new BagFixture(new FileSystem(), _temp.Combine("bag")).Add("a.txt", "a").Write();
        Shell.Run("mkfifo", bag.Path("data/pipe"));

        var report = await VerifyAsync(bag).WaitAsync(TimeSpan.FromMinutes(1));

        var problem = Assert.Single(report.Problems, p => p.Path == "data/pipe");
        Assert.Equal(ProblemKind.Unexpected, problem.Kind);
        Assert.Contains("not a regular file", problem.Message);
        Assert.Equal(1, report.FilesVerified);
    }
}
