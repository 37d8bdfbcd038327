namespace BackupTool.Core.Verification;

/// <summary>How thoroughly to verify a bag.</summary>
/// <param name="Fast">True to check presence, counts and sizes only, without hashing payload files.</param>
public sealed record VerificationOptions(bool Fast = false);
