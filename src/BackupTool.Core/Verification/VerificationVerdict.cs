namespace BackupTool.Core.Verification;

/// <summary>The overall result of verifying a bag.</summary>
public enum VerificationVerdict
{
    /// <summary>No problem found; warnings may remain.</summary>
    Valid,

    /// <summary>At least one problem other than files still to fetch.</summary>
    Invalid,

    /// <summary>The only problems are files that <c>fetch.txt</c> lists as still to be downloaded.</summary>
    Incomplete,
}
