namespace BackupTool.Core.Verification;

/// <summary>How thoroughly to verify a bag, and where to report progress.</summary>
/// <param name="Fast">True to check presence, counts and sizes only, without hashing payload files.</param>
/// <param name="Progress">Receives the running totals after each payload file, from worker threads; may be null.</param>
public sealed record VerificationOptions(bool Fast = false, IProgress<VerificationProgress>? Progress = null);
