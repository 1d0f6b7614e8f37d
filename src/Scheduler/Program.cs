using System.CommandLine;

// frames-scheduler: the cluster's central daemon. The protocol arrives with the cluster work (issue 4);
// until then the daemon validates its flags and says so.
var port = new Option<int>("--port") { Description = "gRPC port to listen on", DefaultValueFactory = _ => 8786 };
var host = new Option<string>("--host") { Description = "address to bind", DefaultValueFactory = _ => "127.0.0.1" };
var tokenFile = new Option<FileInfo?>("--token-file") { Description = "file holding the cluster's bearer token" };
var root = new RootCommand("frames-scheduler: dispatches Frames task graphs to frames-worker daemons") { port, host, tokenFile };
root.SetAction(parse =>
{
    Console.Error.WriteLine("frames-scheduler: the cluster service is not part of this build yet (see the cluster issue)");
    return 3;
});
return await root.Parse(args).InvokeAsync();
