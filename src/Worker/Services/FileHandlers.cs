using FramesNet.Cluster;
using FramesNet.Formats;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Worker.Files;

namespace FramesNet.Worker.Services;

/// <summary>ListFiles and DescribeFiles: what this worker sees under its data roots.</summary>
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
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, e.Message));
        }
        var reply = new ListFilesReply();
        foreach (var file in files)
            reply.Files.Add(new FileEntry { Path = file.Path, Size = file.Size, ModifiedTicks = file.ModifiedTicks });
        return reply;
    }, context.CancellationToken);

    /// <summary>
    /// Files of any format, described by the format (<see cref="FramesNet.Formats.FileFormat.Describe"/>): the first one, and
    /// of the others those this worker sees (files that live on other hosts are theirs to describe). For CSV the sample
    /// reads them in order.
    /// </summary>
    public Task<DescribeFilesReply> DescribeFilesAsync(DescribeFilesRequest request, ServerCallContext context) => Task.Run(() =>
    {
        FileFormat format;
        try
        {
            format = FileFormats.Get(request.Format);
        }
        catch (FormatException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
        CheckPaths(request.Paths.Take(1).ToList(), "DescribeFiles", format.DisplayName);
        var paths = request.Paths.Where((path, i) => i == 0 || Path.IsPathFullyQualified(path) && roots.Allows(path) && File.Exists(path)).ToList();
        return Answer(() =>
        {
            var description = format.Describe(paths, request.Options.Span);
            return new DescribeFilesReply { Schema = SchemaCodec.ToProto(description.Schema), Facts = Google.Protobuf.ByteString.CopyFrom(description.Facts) };
        });
    }, context.CancellationToken);

    private void CheckPaths(IReadOnlyList<string> paths, string call, string kind)
    {
        if (paths.Count == 0)
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{call} needs at least one path"));
        foreach (var path in paths)
        {
            if (!Path.IsPathFullyQualified(path))
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"{kind} paths must be absolute, not '{path}'"));
            if (!roots.Allows(path))
                throw new RpcException(new Status(StatusCode.PermissionDenied, roots.Refusal(path)));
        }
    }

    /// <summary>Reads what <paramref name="read"/> reads, turning the errors bad files cause into statuses that say why.</summary>
    private static T Answer<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FileNotFoundException e)
        {
            throw new RpcException(new Status(StatusCode.NotFound, e.Message));
        }
        catch (DirectoryNotFoundException e)
        {
            throw new RpcException(new Status(StatusCode.NotFound, e.Message));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, e.Message));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // CsvFormatException, ArrowFormatException and ParquetFormatException (FormatExceptions) name the file and where; bad options are ArgumentExceptions.
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }
}
