using System.IO.Abstractions;
using BackupTool.Core.Verification;
using Serilog.Core;

namespace BackupTool.Core.Tests.Verification;

/// <summary>Runs the verifier over every bag of the shared suite, in place, and checks its verdict.</summary>
public sealed class BagitSuiteTests
{
    public static IEnumerable<object[]> ExpectedBags => BagitSuite.Rows("EXPECTED.tsv", 3);

    [SkippableTheory]
    [MemberData(nameof(ExpectedBags))]
    public async Task VerifyAsync_SuiteBag_ReachesExpectedVerdict(string bag, string expected, string reason)
    {
        Skip.If(BagitSuite.Root is null, BagitSuite.MissingReason);
        var verifier = new BagVerifier(new FileSystem(), Logger.None);

        var report = await verifier.VerifyAsync(Path.Combine(BagitSuite.Root!, bag));

        var found = $"{reason}\nproblems:\n{string.Join("\n", report.Problems)}\nwarnings:\n{string.Join("\n", report.Warnings)}";
        switch (expected)
        {
            case "valid":
                Assert.True(report.Problems.Count == 0, found);
                break;
            case "warning":
                Assert.True(report.Problems.Count == 0, found);
                Assert.True(report.Warnings.Count > 0, found);
                break;
            default:
                Assert.Equal("invalid", expected);
                Assert.True(report.Problems.Count > 0, found);
                Assert.NotEqual(VerificationVerdict.Valid, report.Verdict);
                break;
        }
    }
}
