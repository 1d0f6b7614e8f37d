using FramesNet.Cluster;
using FramesNet.Formats.Csv;
using FramesNet.Rpc;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Worker.Files;

namespace FramesNet.Worker.Services;

/// <summary>ListFiles and InferCsvSchema: what this worker sees under its data roots.</summary>
internal sealed class FileHandlers(DataRoots roots)
{
    private readonly FileLister _lister = new(roots);

    public Task<ListFilesReply> ListAsync(ListFilesRequest request, ServerCallContext context) => Task.Run(() =>
    {
        IReadOnlyList<ListedFile> files;
        try
        {
            files = _lister.List(request.Pattern);
        }
        catch (ArgumentException e)
        {
            throw new RpcException(StatusCode.InvalidArgument, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RpcException(StatusCode.PermissionDenied, e.Message);
        }
        var reply = new ListFilesReply();
        foreach (var file in files)
            reply.Files.Add(new FileEntry { Path = file.Path, Size = file.Size, ModifiedTicks = file.ModifiedTicks });
        return reply;
    }, context.CancellationToken);

    public Task<InferCsvSchemaReply> InferCsvSchemaAsync(InferCsvSchemaRequest request, ServerCallContext context) => Task.Run(() =>
    {
        if (request.Paths.Count == 0)
            throw new RpcException(StatusCode.InvalidArgument, "InferCsvSchema needs at least one path");
        foreach (var path in request.Paths)
        {
            if (!Path.IsPathFullyQualified(path))
                throw new RpcException(StatusCode.InvalidArgument, $"CSV paths must be absolute, not '{path}'");
            if (!roots.Allows(path))
                throw new RpcException(StatusCode.PermissionDenied, roots.Refusal(path));
        }
        try
        {
            var options = request.Options is null ? new CsvReadOptions() : CsvOptionsCodec.FromProto(request.Options);
            var schema = CsvReader.Open(request.Paths, options).FileSchema;
            return new InferCsvSchemaReply { Schema = SchemaCodec.ToProto(schema) };
        }
        catch (FileNotFoundException e)
        {
            throw new RpcException(StatusCode.NotFound, e.Message);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new RpcException(StatusCode.NotFound, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RpcException(StatusCode.PermissionDenied, e.Message);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // CsvFormatException (a FormatException) names the file, line and column; bad options are ArgumentExceptions.
            throw new RpcException(StatusCode.InvalidArgument, e.Message);
        }
    }, context.CancellationToken);
}
