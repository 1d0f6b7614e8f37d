using FramesNet.Cli;

return await CliApp.RunAsync(args);
