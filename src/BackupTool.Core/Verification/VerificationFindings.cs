namespace BackupTool.Core.Verification;

/// <summary>Collects problems and warnings from concurrent checks.</summary>
internal sealed class VerificationFindings
{
    private readonly List<VerificationProblem> _problems = [];
    private readonly List<VerificationWarning> _warnings = [];
    private readonly Lock _lock = new();

    public VerificationCounts Counts { get; } = new();

    public IReadOnlyList<VerificationProblem> Problems
    {
        get
        {
            lock (_lock)
            {
                return _problems.ToList();
            }
        }
    }

    public IReadOnlyList<VerificationWarning> Warnings
    {
        get
        {
            lock (_lock)
            {
                return _warnings.ToList();
            }
        }
    }

    public void Problem(ProblemKind kind, string path, int? line, string message)
    {
        lock (_lock)
        {
            _problems.Add(new VerificationProblem(kind, path, line, message));
        }
    }

    public void Warning(string? path, int? line, string message)
    {
        lock (_lock)
        {
            _warnings.Add(new VerificationWarning(path, line is 0 ? null : line, message));
        }
    }
}
