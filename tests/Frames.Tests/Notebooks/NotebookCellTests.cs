using Grpc.Net.Client;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace FramesNet.Tests.Notebooks;

/// <summary>
/// Every notebook under notebooks/ compiles as the Polyglot C# kernel runs it: each <c>#!csharp</c> cell a script
/// submission following the ones before it (top-level statements, a trailing expression to display, no using
/// declarations at the top level). The cells' <c>#r "nuget: …"</c> lines must name packages this repository packs.
/// A quick check in the default tier; the package tests run the notebooks on the real C# kernel against the packed
/// packages (tests/Frames.Package.Tests, NotebookTests).
/// </summary>
public sealed class NotebookCellTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Notebooks");

    public static TheoryData<string> Notebooks() => new(Directory.GetFiles(Folder, "*.dib").Select(Path.GetFileName).Order()!);

    /// <summary>The packages <c>dotnet pack</c> makes here that a notebook may install.</summary>
    private static readonly string[] Packages = ["FramesNet", "FramesNet.DataAnalysis"];

    [Fact]
    public void The_notebooks_are_there_to_test()
    {
        var notebooks = Directory.GetFiles(Folder, "*.dib").Select(Path.GetFileName).ToList();
        Assert.Contains("getting-started.dib", notebooks);
        Assert.Contains("trips-analysis.dib", notebooks);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_csharp_cell_compiles_as_a_submission_after_the_cells_before_it(string notebook)
    {
        var cells = NotebookCell.Read(Path.Combine(Folder, notebook)).Where(c => c.Kernel == "csharp").ToList();
        Assert.NotEmpty(cells);
        // What the C# kernel imports by itself; the assemblies the cells' #r lines load.
        var options = ScriptOptions.Default
            .WithImports("System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks")
            .AddReferences(typeof(Frames).Assembly, typeof(FramesNet.Rpc.Client.RpcChannel).Assembly, typeof(GrpcChannel).Assembly);

        Script? script = null;
        foreach (var cell in cells)
        {
            foreach (var reference in cell.References)
                Assert.True(reference.StartsWith("nuget:", StringComparison.Ordinal) && Packages.Contains(reference["nuget:".Length..].Split(',')[0].Trim()),
                    $"{notebook} line {cell.Line}: #r \"{reference}\" is not a package this repository packs ({string.Join(", ", Packages)}); notebooks install FramesNet with #r \"nuget: FramesNet\"");
            script = script is null ? CSharpScript.Create(cell.Code, options) : script.ContinueWith(cell.Code, options);
            var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0,
                $"{notebook}, the cell at line {cell.Line}, does not compile as a submission:\n{string.Join("\n", errors)}\n---\n{cell.Code}");
        }
    }
}

/// <summary>One cell of a .dib notebook: the kernel after <c>#!</c>, the line it starts on, its code with <c>#r</c> and <c>#i</c> lines blanked, and the <c>#r</c> references.</summary>
internal sealed record NotebookCell(string Kernel, int Line, string Code, IReadOnlyList<string> References)
{
    public static IEnumerable<NotebookCell> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("#!", StringComparison.Ordinal))
                continue;
            var kernel = lines[i][2..].Trim();
            var end = i + 1;
            while (end < lines.Length && !lines[end].StartsWith("#!", StringComparison.Ordinal))
                end++;
            var body = lines[(i + 1)..end];
            var references = body.Where(l => l.StartsWith("#r ", StringComparison.Ordinal)).Select(l => l[3..].Trim().Trim('"')).ToList();
            var code = string.Join("\n", body.Select(l => l.StartsWith("#r ", StringComparison.Ordinal) || l.StartsWith("#i ", StringComparison.Ordinal) ? "" : l));
            yield return new NotebookCell(kernel, i + 2, code, references);
            i = end - 1;
        }
    }
}
