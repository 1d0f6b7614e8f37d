using FramesNet.Cluster;
using FramesNet.Physical;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;
using FramesNet.Worker.Store;
using FramesNet.Worker.Tests.TestSupport;
using PartitionRef = FramesNet.Physical.PartitionRef;

namespace FramesNet.Worker.Tests.Services;

/// <summary>SharePartition: same-machine handoff of a partition as a file on a tmpfs, and the fallbacks to streaming.</summary>
public class SharePartitionTests
{
    private static PartitionRef Key(string task, int bucket = 0) => new(new TaskKey(task), bucket);

    [Fact]
    public void This_machine_has_an_identity_two_processes_share()
    {
        // The suite runs on Linux, where the handoff works; elsewhere it is off and these tests do not apply.
        Assert.True(OperatingSystem.IsLinux(), "the share tests expect Linux");
        Assert.Matches("^[0-9a-f-]{36}$", MachineIdentity.Current);
        Assert.Equal(File.ReadAllText("/proc/self/../sys/kernel/random/boot_id").Trim(), MachineIdentity.Current);
    }

    [Fact]
    public async Task A_reader_on_this_machine_gets_the_rows_through_a_file_it_then_deletes()
    {
        using var share = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { ShareDirectory = share.Path });
        var sent = TestBatches.Many(3, 5_000);
        await PartitionTransfer.PutAsync(worker.Channel, Key("t", 1), TestBatches.Schema, sent, default);

        var shared = await PartitionTransfer.TryFetchSharedAsync(worker.Channel, Key("t", 1), default);

        var (schema, received) = Assert.NotNull(shared);
        Assert.Equal(TestBatches.Schema, schema);
        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(received));
        Assert.Equal(TestBatches.Names(sent), TestBatches.Names(received));
        // Handed back for the next share to overwrite.
        Assert.EndsWith(PartitionTransfer.RecycledSuffix, Assert.Single(Directory.EnumerateFiles(share.Path, "*", SearchOption.AllDirectories)));
        Assert.True(worker.Host.Store.Contains(Key("t", 1)), "sharing leaves the owner's copy in place");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_file_is_named_with_its_final_size_then_confirmed_whole_and_readable_by_its_owner_only()
    {
        using var share = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { ShareDirectory = share.Path });
        // Over the size written whole before answering (4 MiB), so the reader is told as it goes.
        await PartitionTransfer.PutAsync(worker.Channel, Key("t"), TestBatches.Schema, TestBatches.Many(4, 150_000), default);

        using var call = WorkerApi.Client(worker.Channel).SharePartition(new SharePartitionRequest { Partition = TaskSpecCodec.ToProto(Key("t")), Machine = MachineIdentity.Current! });
        var replies = new List<SharePartitionReply>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
            replies.Add(reply);

        var (first, last) = (replies[0], replies[^1]);
        Assert.True(first.DeleteAfterRead);
        Assert.False(first.Complete);
        Assert.Equal(0, first.Written);
        Assert.True(last.Complete);
        Assert.Equal(first.Bytes, last.Written);
        Assert.All(replies.Skip(1).SkipLast(1), r => Assert.InRange(r.Written, 1, first.Bytes));
        Assert.StartsWith(share.Path, first.Path);
        Assert.Equal(new FileInfo(first.Path).Length, first.Bytes);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(first.Path)!));
        Assert.True(replies.Count > 2, $"progress replies for a {first.Bytes}-byte file: {replies.Count - 2}");
        var (_, batches) = PartitionTransfer.ReadFile(first.Path);
        Assert.Equal(600_000, batches.Sum(b => b.Length));
    }

    [Fact]
    public async Task A_small_partition_is_written_whole_before_the_reader_hears_of_it()
    {
        using var share = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { ShareDirectory = share.Path });
        await PartitionTransfer.PutAsync(worker.Channel, Key("t"), TestBatches.Schema, TestBatches.Many(2, 1000), default);

        using var call = WorkerApi.Client(worker.Channel).SharePartition(new SharePartitionRequest { Partition = TaskSpecCodec.ToProto(Key("t")), Machine = MachineIdentity.Current! });
        var reply = Assert.Single(await call.ResponseStream.ReadAllAsync().ToListAsync());

        Assert.True(reply.Complete);
        Assert.Equal(reply.Bytes, reply.Written);
        Assert.Equal(new FileInfo(reply.Path).Length, reply.Bytes);
    }

    [Fact]
    public async Task A_file_read_while_it_grows_arrives_whole()
    {
        // The owner is slow: its file grows a piece at a time, and only then is it confirmed whole.
        using var folder = new TestFolder();
        var sent = TestBatches.Many(4, 20_000);
        var encoded = new MemoryStream();
        using (var writer = new Formats.Arrow.ArrowStreamWriter(encoded, TestBatches.Schema, leaveOpen: true))
        {
            sent.ForEach(writer.Write);
            writer.Finish();
        }
        var path = Path.Combine(folder.Path, "growing.arrows");
        var services = new WorkerStub
        {
            Share = async (_, replies, context) =>
            {
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                await replies.WriteAsync(new SharePartitionReply { Path = path, Bytes = encoded.Length, DeleteAfterRead = true });
                long written = 0;
                foreach (var piece in encoded.ToArray().Chunk(100_003))
                {
                    await Task.Delay(5);
                    await file.WriteAsync(piece);
                    await file.FlushAsync();
                    written += piece.Length;
                    await replies.WriteAsync(new SharePartitionReply { Written = written });
                }
                await replies.WriteAsync(new SharePartitionReply { Written = written, Complete = true });
            },
        }.Services();
        await using var server = await RpcServer.StartAsync(services);
        using var channel = Rpc.Client.RpcChannel.Create(server.Address);

        var (schema, received) = Assert.NotNull(await PartitionTransfer.TryFetchSharedAsync(channel, Key("t"), default));

        Assert.Equal(TestBatches.Schema, schema);
        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(received));
        Assert.False(File.Exists(path), "the reader deletes its copy");
    }

    [Fact]
    public async Task An_owner_that_fails_midway_fails_the_read_with_its_reason()
    {
        using var folder = new TestFolder();
        var path = Path.Combine(folder.Path, "cut.arrows");
        var encoded = new MemoryStream();
        using (var writer = new Formats.Arrow.ArrowStreamWriter(encoded, TestBatches.Schema, leaveOpen: true))
        {
            TestBatches.Many(2, 10_000).ForEach(writer.Write);
            writer.Finish();
        }
        var services = new WorkerStub
        {
            Share = async (_, replies, context) =>
            {
                // The start of a real partition's stream, then no more.
                await File.WriteAllBytesAsync(path, encoded.ToArray()[..5000]);
                await replies.WriteAsync(new SharePartitionReply { Path = path, Bytes = encoded.Length, DeleteAfterRead = true });
                await Task.Delay(50);
                throw new RpcException(new Status(StatusCode.ResourceExhausted, "no space left on /dev/shm"));
            },
        }.Services();
        await using var server = await RpcServer.StartAsync(services);
        using var channel = Rpc.Client.RpcChannel.Create(server.Address);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => PartitionTransfer.TryFetchSharedAsync(channel, Key("t"), default));

        Assert.Contains("no space left on /dev/shm", error.ToString());
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_handed_back_file_is_overwritten_and_its_old_bytes_never_read()
    {
        using var share = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { ShareDirectory = share.Path });
        var big = TestBatches.Many(3, 30_000);
        var small = TestBatches.Many(1, 700);
        await PartitionTransfer.PutAsync(worker.Channel, Key("big"), TestBatches.Schema, big, default);
        await PartitionTransfer.PutAsync(worker.Channel, Key("small"), TestBatches.Schema, small, default);
        Assert.NotNull(await PartitionTransfer.TryFetchSharedAsync(worker.Channel, Key("big"), default));
        var recycled = Assert.Single(Directory.EnumerateFiles(share.Path, "*", SearchOption.AllDirectories));
        var bigFileBytes = new FileInfo(recycled).Length;

        var (_, received) = Assert.NotNull(await PartitionTransfer.TryFetchSharedAsync(worker.Channel, Key("small"), default));

        Assert.Equal(TestBatches.Ids(small), TestBatches.Ids(received));
        Assert.False(File.Exists(recycled), "the handed-back file was claimed");
        var again = Assert.Single(Directory.EnumerateFiles(share.Path, "*", SearchOption.AllDirectories));
        Assert.InRange(new FileInfo(again).Length, 1, bigFileBytes / 10); // cut to the small partition's size
    }

    [Fact]
    public async Task A_caller_on_another_machine_is_refused_and_streams_instead()
    {
        using var share = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { ShareDirectory = share.Path });
        await PartitionTransfer.PutAsync(worker.Channel, Key("t"), TestBatches.Schema, TestBatches.Many(1, 10), default);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = WorkerApi.Client(worker.Channel).SharePartition(new SharePartitionRequest { Partition = TaskSpecCodec.ToProto(Key("t")), Machine = "another-machine" });
            await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
        });

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("FetchPartition", error.Status.Detail);
        Assert.Empty(Directory.EnumerateFiles(share.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_worker_without_a_share_folder_is_streamed_from()
    {
        await using var worker = await TestWorker.StartAsync(o => o with { ShareDirectory = null });
        var sent = TestBatches.Many(2, 100);
        await PartitionTransfer.PutAsync(worker.Channel, Key("t"), TestBatches.Schema, sent, default);

        Assert.Null(await PartitionTransfer.TryFetchSharedAsync(worker.Channel, Key("t"), default));
        var (_, received) = await PartitionTransfer.FetchAsync(worker.Channel, Key("t"), default);
        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(received));
    }

    [Fact]
    public async Task A_partition_that_would_eat_the_share_folders_reserve_is_refused_before_anything_is_written()
    {
        using var share = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { ShareDirectory = share.Path, ShareReserve = long.MaxValue / 2 });
        await PartitionTransfer.PutAsync(worker.Channel, Key("t"), TestBatches.Schema, TestBatches.Many(1, 10), default);

        var error = await Assert.ThrowsAsync<RpcException>(() => PartitionTransfer.TryFetchSharedAsync(worker.Channel, Key("t"), default));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Matches(@"share folder has \d+ bytes free, too few for t \(\d+ bytes\) and its reserve", error.Detail);
        Assert.Empty(Directory.EnumerateFileSystemEntries(share.Path));
    }

    [Fact]
    public async Task A_missing_partition_is_not_found()
    {
        using var share = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { ShareDirectory = share.Path });

        var error = await Assert.ThrowsAsync<RpcException>(() => PartitionTransfer.TryFetchSharedAsync(worker.Channel, Key("absent"), default));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task A_spilled_partition_is_handed_over_as_its_own_file_which_the_reader_leaves_alone()
    {
        using var spill = new TestFolder();
        using var share = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { MemoryLimit = 1, SpillDirectory = spill.Path, ShareDirectory = share.Path });
        var sent = TestBatches.Many(2, 10_000);
        await PartitionTransfer.PutAsync(worker.Channel, Key("spilled"), TestBatches.Schema, sent, default);
        var spillFile = Assert.Single(Directory.GetFiles(spill.Path));

        var shared = await PartitionTransfer.TryFetchSharedAsync(worker.Channel, Key("spilled"), default);

        Assert.Equal(TestBatches.Ids(sent), TestBatches.Ids(Assert.NotNull(shared).Batches));
        Assert.True(File.Exists(spillFile), "the owner's spill file stays");
        Assert.Empty(Directory.EnumerateFiles(share.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_file_the_reader_cannot_see_falls_back_to_streaming()
    {
        // A peer in another container: same machine, but its tmpfs is not this process's.
        var services = new WorkerStub
        {
            Share = (_, replies, _) => replies.WriteAsync(new SharePartitionReply { Path = "/nonexistent-frames-share/1.arrows", Bytes = 10, DeleteAfterRead = true, Complete = true }),
        }.Services();
        await using var server = await RpcServer.StartAsync(services);
        using var channel = Rpc.Client.RpcChannel.Create(server.Address);

        Assert.Null(await PartitionTransfer.TryFetchSharedAsync(channel, Key("t"), default));
    }

    [Fact]
    public void Files_handed_back_and_idle_or_never_read_are_swept_and_the_folder_goes_with_the_worker()
    {
        using var root = new TestFolder();
        var share = ShareFolder.Create(root.Path, 0)!;
        string Written() => share.Write(TestBatches.Schema, TestBatches.Many(1, 10)).Path;
        string HandedBack(string path)
        {
            var free = Path.ChangeExtension(path, null) + PartitionTransfer.RecycledSuffix;
            File.Move(path, free);
            return free;
        }
        var (neverRead, unreadRecent, read1, read2) = (Written(), Written(), Written(), Written());
        var (idleFree, recentFree) = (HandedBack(read1), HandedBack(read2));
        var now = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(neverRead, now - ShareFolder.StaleAfter - TimeSpan.FromSeconds(1));
        File.SetLastWriteTimeUtc(idleFree, now - ShareFolder.KeepFreeFor - TimeSpan.FromSeconds(1));

        share.Sweep(now);

        Assert.False(File.Exists(neverRead));
        Assert.True(File.Exists(unreadRecent));
        Assert.False(File.Exists(idleFree));
        Assert.True(File.Exists(recentFree));
        share.Dispose();
        Assert.False(Directory.Exists(share.Path));
        Assert.Null(ShareFolder.Create(null, 0));
    }

    [Fact]
    public async Task Handed_back_files_go_when_the_store_goes_over_its_memory_limit()
    {
        using var share = new TestFolder();
        using var spill = new TestFolder();
        await using var worker = await TestWorker.StartAsync(o => o with { ShareDirectory = share.Path, MemoryLimit = 8_000_000, SpillDirectory = spill.Path });
        await PartitionTransfer.PutAsync(worker.Channel, Key("read"), TestBatches.Schema, TestBatches.Many(1, 1000), default);
        Assert.NotNull(await PartitionTransfer.TryFetchSharedAsync(worker.Channel, Key("read"), default));
        var handedBack = Assert.Single(Directory.EnumerateFiles(share.Path, "*", SearchOption.AllDirectories));

        // Over the 8 MB limit: the handed-back file's tmpfs pages are given up first.
        await PartitionTransfer.PutAsync(worker.Channel, Key("big"), TestBatches.Schema, TestBatches.Many(4, 150_000), default);

        Assert.False(File.Exists(handedBack));
        Assert.True(worker.Host.Store.Contains(Key("read")), "the partitions themselves stay (in memory or spilled)");
    }
}
