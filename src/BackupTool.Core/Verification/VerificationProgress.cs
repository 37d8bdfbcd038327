namespace BackupTool.Core.Verification;

/// <summary>How far a verification has come.</summary>
/// <param name="Files">Payload files checked so far, intact or not.</param>
/// <param name="Bytes">Bytes of the intact files so far.</param>
public readonly record struct VerificationProgress(long Files, long Bytes);
