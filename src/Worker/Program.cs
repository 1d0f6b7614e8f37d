using System.CommandLine;

// frames-worker: runs tasks on a node. The protocol arrives with the cluster work (issue 4);
// until then the daemon validates its flags and says so.
var scheduler = new Option<Uri>("--scheduler") { Description = "scheduler URL, e.g. http://head:8786", Required = true };
var slots = new Option<int>("--slots") { Description = "tasks run at once (default: cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
var root = new RootCommand("frames-worker: runs Frames tasks and serves partitions to peers") { scheduler, slots };
root.SetAction(parse =>
{
    Console.Error.WriteLine("frames-worker: the cluster service is not part of this build yet (see the cluster issue)");
    return 3;
});
return await root.Parse(args).InvokeAsync();
