using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace FramesNet.Package.Tests.Notebooks;

/// <summary>What one code cell of a notebook produced on the kernel.</summary>
internal sealed record CellRun(int Index, string Code, IReadOnlyList<KernelEvent> Events)
{
    public IEnumerable<string> Errors => Events.Select(e => e switch
    {
        CommandFailed failed => failed.Message,
        ErrorProduced error => error.Message,
        _ => null,
    }).OfType<string>();

    /// <summary>The value the cell ended with (its trailing expression), if any.</summary>
    public ReturnValueProduced? Result => Events.OfType<ReturnValueProduced>().SingleOrDefault();

    public override string ToString() => $"cell {Index}:\n{Code}\n--- errors\n{string.Join("\n", Errors)}";
}

/// <summary>
/// Runs a .dib notebook as Polyglot Notebooks does: parsed with Microsoft.DotNet.Interactive.Documents, every C# cell
/// submitted in order to one real <see cref="CSharpKernel"/> with <c>#r "nuget: …"</c> and <c>#i</c> enabled; what
/// the library packages leave to their host is done as the dotnet-interactive tool does it: the installed packages'
/// assemblies are referenced, and their kernel extensions loaded from their <c>interactive-extensions/dotnet</c> folders. A first submission adds
/// the folder feed with <c>#i</c>. Stops at the first cell that fails.
/// </summary>
internal static class NotebookRun
{
    public static async Task<IReadOnlyList<CellRun>> RunAsync(string notebook, string feed)
    {
        var kinds = new KernelInfoCollection { new("csharp", "C#", ["c#", "C#"]), new("markdown", "Markdown", ["md"]) };
        var document = CodeSubmission.Parse(await File.ReadAllTextAsync(notebook), kinds);
        var cells = document.Elements.Where(e => e.KernelName == "csharp").ToList();
        if (cells.Count == 0)
            throw new InvalidOperationException($"{notebook} has no C# cells");

        var extensions = new ExtensionLoader();
        var csharp = new CSharpKernel().UseKernelHelpers().UseNugetDirective(extensions.LoadAsync);
        using var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        extensions.Root = kernel;

        var runs = new List<CellRun>();
        var setup = await SubmitAsync(kernel, -1, $"#i \"nuget: {feed}\"");
        if (setup.Errors.Any())
            return [setup];
        for (var i = 0; i < cells.Count; i++)
        {
            var run = await SubmitAsync(kernel, i, cells[i].Contents);
            runs.Add(run);
            if (run.Errors.Any())
                break;
        }
        return runs;
    }

    private static async Task<CellRun> SubmitAsync(Kernel kernel, int index, string code)
    {
        var result = await kernel.SendAsync(new SubmitCode(code, "csharp"));
        return new CellRun(index, code, result.Events.ToList());
    }

    /// <summary>References the installed packages' assemblies, then loads each one's kernel extensions once, into the default load context.</summary>
    private sealed class ExtensionLoader
    {
        private readonly HashSet<string> _loaded = [];

        public Kernel? Root { get; set; }

        public async Task LoadAsync(CSharpKernel kernel, IReadOnlyList<ResolvedPackageReference> packages)
        {
            kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
            foreach (var package in packages)
            {
                var folder = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
                if (!Directory.Exists(folder))
                    continue;
                foreach (var file in Directory.GetFiles(folder, "*.dll").Order())
                {
                    if (!_loaded.Add(Path.GetFileName(file)))
                        continue;
                    var assembly = System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(file);
                    foreach (var type in assembly.ExportedTypes.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IKernelExtension).IsAssignableFrom(t)))
                    {
                        var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                        await extension.OnLoadAsync(Root ?? kernel);
                        KernelInvocationContext.Current?.Publish(new KernelExtensionLoaded(extension, KernelInvocationContext.Current.Command));
                    }
                }
            }
        }
    }
}
