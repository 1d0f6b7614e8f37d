namespace FramesNet.Oracle.Tests.Checking;

/// <summary>What running a case gave: agreement, a skip (the oracle chose not to judge), or a failure of one category.</summary>
internal sealed record CaseOutcome(CaseVerdict Verdict, string Category, string Detail, int Rows = 0)
{
    public static CaseOutcome Pass(int rows) => new(CaseVerdict.Pass, "", "", rows);

    public static CaseOutcome Skip(string why) => new(CaseVerdict.Skip, why, "");

    public static CaseOutcome Fail(string category, string detail) => new(CaseVerdict.Fail, category, detail);
}

internal enum CaseVerdict { Pass, Skip, Fail }
