namespace FramesNet.Rpc;

/// <summary>The outcome of a call: a code and a human-readable detail (the <c>grpc-message</c> trailer).</summary>
public readonly record struct Status(StatusCode Code, string Detail)
{
    public static Status Ok => new(StatusCode.OK, "");

    public override string ToString() => Detail.Length == 0 ? Code.ToString() : $"{Code}: {Detail}";
}
