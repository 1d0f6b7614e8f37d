using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FramesNet.Tests.Interop;

/// <summary>
/// A user file may import Apache.Arrow beside Frames' namespaces (issue 12: no public Frames type may share a name
/// with an Apache.Arrow type in a namespace users import).
/// </summary>
public sealed class ApacheArrowNamesTests
{
    [Fact]
    public void A_typical_user_file_importing_Apache_Arrow_and_FramesNet_compiles_without_aliases()
    {
        const string source = """
            using Apache.Arrow;
            using FramesNet;
            using FramesNet.Plan;
            using static FramesNet.Frames;

            public static class UserCode
            {
                public static long Run()
                {
                    RecordBatch apache = new RecordBatch.Builder()
                        .Append("x", false, new Int64Array.Builder().AppendRange(new long[] { 1, 2, 3 }).Build())
                        .Build();
                    DataFrame frame = FromArrow(new[] { apache }).Filter(Col("x") > 1).Sort(SortKey.Desc("x"));
                    var result = frame.Collect();
                    Schema schema = result.ToArrow().Schema;
                    Field field = schema.GetFieldByName("x");
                    RecordBatch first = result.ToArrowBatches()[0];
                    DataFrame mapped = frame.MapArrowPartitions(batch => batch);
                    return result.RowCount + first.Length + field.Name.Length + mapped.Count();
                }
            }
            """;

        var errors = Compile(source).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void The_compiler_check_fails_on_an_ambiguous_name()
    {
        // The check above can fail: a file naming a type both namespaces define is refused (CS0104).
        var errors = Compile("using Apache.Arrow; using FramesNet; public static class C { public static Table? T; }")
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, e => e.Id == "CS0104");
    }

    /// <summary>
    /// The public type names Frames shares with Apache.Arrow, by namespace. <c>FramesNet.Table</c> is the one clash in
    /// a namespace every user imports (the README's <c>using FramesNet;</c>): a user file naming <c>Table</c> with both
    /// imported is ambiguous (CS0104). The others live in namespaces a user imports for lower-level work. Renaming is
    /// left to the lead (issue 12); this test pins the list so no new clash slips in, and shrinks when one is renamed.
    /// </summary>
    [Fact]
    public void Names_shared_with_Apache_Arrow_are_the_known_ones()
    {
        string[] apacheNamespaces = ["Apache.Arrow", "Apache.Arrow.Ipc", "Apache.Arrow.Types", "Apache.Arrow.Memory", "Apache.Arrow.C"];
        var apache = typeof(Apache.Arrow.RecordBatch).Assembly.GetExportedTypes()
            .Where(t => !t.IsNested && apacheNamespaces.Contains(t.Namespace)).Select(Name).ToHashSet();

        var clashes = typeof(Frames).Assembly.GetExportedTypes()
            .Where(t => !t.IsNested && apache.Contains(Name(t)))
            .Select(t => $"{t.Namespace}.{Name(t)}").Order().ToArray();

        Assert.Equal(
        [
            "FramesNet.Columns.Column", "FramesNet.Columns.Field", "FramesNet.Columns.RecordBatch", "FramesNet.Columns.Schema",
            "FramesNet.Columns.TimeUnit",
            "FramesNet.Formats.Arrow.ArrowFileReader", "FramesNet.Formats.Arrow.ArrowFileWriter",
            "FramesNet.Formats.Arrow.ArrowStreamReader", "FramesNet.Formats.Arrow.ArrowStreamWriter",
            "FramesNet.Memory.ArrowBuffer",
            "FramesNet.Table",
        ], clashes);
    }

    private static string Name(Type type) => type.Name.Split('`')[0];

    private static IReadOnlyList<Diagnostic> Compile(string source)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = platform.Append(typeof(Frames).Assembly.Location).Append(typeof(Apache.Arrow.RecordBatch).Assembly.Location)
            .Distinct().Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("UserCode", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics();
    }
}
