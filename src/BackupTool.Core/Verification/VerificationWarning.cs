namespace BackupTool.Core.Verification;

/// <summary>A deviation from strict BagIt form that does not make the bag invalid.</summary>
/// <param name="Path">The file concerned, relative to the bag root, or null for the bag as a whole.</param>
/// <param name="Line">The 1-based line, or null when the warning concerns the whole file.</param>
/// <param name="Message">What was accepted, such as <c>uppercase hex checksum</c>.</param>
public sealed record VerificationWarning(string? Path, int? Line, string Message);
