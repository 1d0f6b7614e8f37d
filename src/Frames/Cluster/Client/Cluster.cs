using FramesNet.Formats;
using FramesNet.Formats.Arrow;
using FramesNet.Formats.Csv;
using FramesNet.Formats.Parquet;
using FramesNet.Plan;
using FramesNet.Rpc;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace FramesNet.Cluster;

/// <summary>
/// A connection to a Frames cluster. DataFrames made from it (<see cref="ReadCsv(string, CsvReadOptions?)"/>, <see cref="ReadArrow"/>,
/// or any frame moved over with <see cref="DataFrame.WithContext"/> and <see cref="Context"/>) run on its
/// workers; the API is the same as in-process.
/// </summary>
/// <example><code>
/// await using var cluster = await Cluster.ConnectAsync("http://head:8786");
/// var table = await cluster.ReadCsv("/data/trips-*.csv").GroupBy("vendor").Agg(Count()).CollectAsync();
/// </code></example>
public sealed class Cluster : IAsyncDisposable, IDisposable
{
    private readonly GrpcChannel _scheduler;
    private readonly WorkerChannels _workers;

    private Cluster(Uri address, GrpcChannel scheduler, WorkerChannels workers, ClusterOptions options)
    {
        Address = address;
        _scheduler = scheduler;
        _workers = workers;
        Options = options;
        Context = FramesContext.Local with { Executor = new ClusterExecutor(scheduler, options, workers) };
    }

    public Uri Address { get; }

    public ClusterOptions Options { get; }

    /// <summary>The context whose executor runs on this cluster.</summary>
    public FramesContext Context { get; }

    /// <summary>Connects to the scheduler at <paramref name="url"/> and checks that it answers.</summary>
    public static async Task<Cluster> ConnectAsync(string url, ClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ClusterOptions();
        var address = new Uri(url);
        var channelOptions = new RpcChannelOptions { BearerToken = options.Token, ConnectTimeout = options.ConnectTimeout, TrustedRoots = options.TrustedRoots };
        var scheduler = RpcChannel.Create(address, channelOptions);
        var workers = new WorkerChannels(new RpcChannelOptions { BearerToken = options.Token, ConnectTimeout = options.ConnectTimeout, TrustedRoots = options.TrustedRoots });
        try
        {
            await SchedulerApi.Client(scheduler).GetStatusAsync(new StatusRequest(),
                CallOptions.FromTimeout(options.ConnectTimeout, cancellationToken)).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            scheduler.Dispose();
            workers.Dispose();
            throw new IOException(e.StatusCode switch
            {
                StatusCode.Unauthenticated => $"the scheduler at {url} refused the connection: {e.Detail} (is the cluster token right?)",
                StatusCode.PermissionDenied => $"the scheduler at {url} refused the connection: {e.Detail} (clients need the client token)",
                _ => $"cannot reach the scheduler at {url}: {e.Detail}",
            }, e);
        }
        return new Cluster(address, scheduler, workers, options);
    }

    /// <summary>The workers and jobs the scheduler knows now.</summary>
    public Task<StatusReply> StatusAsync(CancellationToken cancellationToken = default) =>
        SchedulerApi.Client(_scheduler).GetStatusAsync(new StatusRequest(), CallOptions.FromTimeout(TimeSpan.FromSeconds(30), cancellationToken)).ResponseAsync;

    /// <summary>
    /// CSV files on the workers: the pattern — an absolute path or glob, as the workers see it — is expanded by every
    /// worker under its data roots, and scans of a file that only some workers see run on those. The schema is the
    /// options' or is inferred, as <see cref="Frames.ReadCsv(string, CsvReadOptions?)"/> infers it, from a sample of the
    /// first files' rows by a worker that holds the first file.
    /// </summary>
    public DataFrame ReadCsv(string pathOrGlob, CsvReadOptions? options = null) =>
        ReadCsvAsync(pathOrGlob, options).ConfigureAwait(false).GetAwaiter().GetResult();

    public async Task<DataFrame> ReadCsvAsync(string pathOrGlob, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var files = await ListAsync(pathOrGlob, nameof(ReadCsv), TableFiles.Csv, cancellationToken).ConfigureAwait(false);
        var schema = options?.Schema;
        if (schema is null)
        {
            var reply = await DescribeAsync(CsvFormat.Instance, SampledFiles(files),
                CsvOptionsCodec.ToProto(options ?? new CsvReadOptions()).ToByteString(), cancellationToken).ConfigureAwait(false);
            schema = SchemaCodec.FromProto(reply.Schema);
        }
        return new DataFrame(new ScanNode(new CsvSource(files, schema, options)), Context);
    }

    /// <summary>
    /// Arrow IPC files (file or stream format) on the workers, named as for <see cref="ReadCsv(string, CsvReadOptions?)"/>.
    /// The schema is read by a worker that holds the first file; each file is one partition, read where it is.
    /// </summary>
    public DataFrame ReadArrow(string pathOrGlob) => ReadArrowAsync(pathOrGlob).ConfigureAwait(false).GetAwaiter().GetResult();

    public async Task<DataFrame> ReadArrowAsync(string pathOrGlob, CancellationToken cancellationToken = default)
    {
        var files = await ListAsync(pathOrGlob, nameof(ReadArrow), TableFiles.Arrow, cancellationToken).ConfigureAwait(false);
        var reply = await DescribeAsync(ArrowFormat.Instance, [files[0].Path], ByteString.Empty, cancellationToken).ConfigureAwait(false);
        return new DataFrame(new ScanNode(new ArrowSource(files, SchemaCodec.FromProto(reply.Schema))), Context);
    }

    /// <summary>
    /// Parquet files on the workers, named as for <see cref="ReadCsv(string, CsvReadOptions?)"/>. Workers holding the files
    /// read their footers (one call per group of files with the same holder), so the client plans with every row group's
    /// statistics: a filter's pruning happens here, before any task is placed; each piece runs where its file is.
    /// </summary>
    public DataFrame ReadParquet(string pathOrGlob, ParquetReadOptions? options = null) =>
        ReadParquetAsync(pathOrGlob, options).ConfigureAwait(false).GetAwaiter().GetResult();

    public async Task<DataFrame> ReadParquetAsync(string pathOrGlob, ParquetReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var files = await ListAsync(pathOrGlob, nameof(ReadParquet), TableFiles.Parquet, cancellationToken).ConfigureAwait(false);
        Columns.Schema? schema = null;
        var facts = new ParquetFacts();
        var pending = files.Select(f => f.Path).ToList();
        while (pending.Count > 0)
        {
            var reply = await DescribeAsync(ParquetFormat.Instance, pending, ByteString.Empty, cancellationToken).ConfigureAwait(false);
            var described = ParquetFacts.Parser.ParseFrom(reply.Facts);
            var replySchema = SchemaCodec.FromProto(reply.Schema);
            if (schema is not null && !schema.Fields.Select(f => (f.Name, f.Type)).SequenceEqual(replySchema.Fields.Select(f => (f.Name, f.Type))))
                throw new FormatException($"{pending[0]} has columns ({string.Join(", ", replySchema.Fields)}) but {files[0].Path} has ({string.Join(", ", schema.Fields)})");
            schema ??= replySchema;
            facts.Files.AddRange(described.Files);
            var done = described.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            if (!done.Contains(pending[0]))
                throw new FileNotFoundException($"the worker holding {pending[0]} did not describe it", pending[0]);
            pending = pending.Where(p => !done.Contains(p)).ToList();
        }
        var order = files.Select((f, i) => (f.Path, i)).ToDictionary(p => p.Path, p => p.i, StringComparer.Ordinal);
        var sorted = new ParquetFacts();
        sorted.Files.AddRange(facts.Files.OrderBy(f => order[f.Path]));
        return new DataFrame(new ScanNode(new ParquetSource(schema!, sorted, options)), Context);
    }

    /// <summary>
    /// The one format-neutral call for what files hold: a worker that sees the first of <paramref name="paths"/> describes
    /// them as <paramref name="format"/> reads them (the schema, and the format's planning facts).
    /// </summary>
    private Task<DescribeFilesReply> DescribeAsync(FileFormat format, IEnumerable<string> paths, ByteString options, CancellationToken cancellationToken)
    {
        var request = new DescribeFilesRequest { Format = format.Name, Options = options };
        request.Paths.AddRange(paths);
        return SchedulerApi.Client(_scheduler).DescribeFilesAsync(request, CallOptions.FromTimeout(TimeSpan.FromSeconds(60), cancellationToken)).ResponseAsync;
    }

    /// <summary>
    /// The files a schema sample reads, in order: enough of them for the sample's rows even when the first are empty
    /// or hold only a header (a sample never reads this far into files of real rows).
    /// </summary>
    private static IEnumerable<string> SampledFiles((string Path, long Size, DateTime Modified)[] files)
    {
        const long SampleBytes = 64L << 20;
        const int MostFiles = 256;
        long bytes = 0;
        for (var i = 0; i < files.Length && i < MostFiles && bytes < SampleBytes; i++)
        {
            bytes += files[i].Size;
            yield return files[i].Path;
        }
    }

    /// <summary>
    /// The files the workers see that an absolute path, glob or folder names, in path order; a relative one is refused.
    /// A folder gives its part files of <paramref name="formats"/> (see <see cref="TableFiles.OfFormats"/>).
    /// </summary>
    private async Task<(string Path, long Size, DateTime Modified)[]> ListAsync(string pathOrGlob, string verb, IReadOnlySet<TableFormat> formats,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrGlob);
        if (!Path.IsPathFullyQualified(pathOrGlob))
            throw new ArgumentException(
                $"cluster.{verb}(\"{pathOrGlob}\"): the path is relative; paths must be absolute as the workers see them " +
                "(the client's working folder means nothing to them), e.g. /data/trips-*.csv", nameof(pathOrGlob));
        var listing = await SchedulerApi.Client(_scheduler).ListFilesAsync(new ListFilesRequest { Pattern = Path.GetFullPath(pathOrGlob) },
            CallOptions.FromTimeout(TimeSpan.FromSeconds(60), cancellationToken)).ConfigureAwait(false);
        if (listing.Files.Count == 0)
            throw new FileNotFoundException($"no worker sees files matching {pathOrGlob} (under its --data-root folders)", pathOrGlob);
        var files = listing.Files.OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => (f.Path, f.Size, new DateTime(f.ModifiedTicks, DateTimeKind.Utc))).ToArray();
        var full = Path.GetFullPath(pathOrGlob);
        var folder = !PathGlob.HasWildcards(full) && files.All(f => f.Path != full);
        if (!folder)
            return files;
        var chosen = TableFiles.OfFormats([.. files.Select(f => f.Path)], formats, pathOrGlob).ToHashSet(StringComparer.Ordinal);
        return [.. files.Where(f => chosen.Contains(f.Path))];
    }

    public void Dispose()
    {
        _workers.Dispose();
        _scheduler.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
