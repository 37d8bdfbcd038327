namespace BackupTool.Core.Verification;

/// <summary>One problem found in a bag.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Path">The file concerned, relative to the bag root, such as <c>data/a.txt</c>.</param>
/// <param name="Line">The 1-based line of the tag file that is wrong or that lists the path, or null.</param>
/// <param name="Message">A plain sentence with the details, such as expected and actual digests.</param>
public sealed record VerificationProblem(ProblemKind Kind, string Path, int? Line, string Message);
