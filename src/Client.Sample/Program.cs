using System.CommandLine;
using LiveCommerce.Client.Cli;
using LiveCommerce.Client.Commands;

// The command tree: global options (server, protocol, identity) on the root, one subcommand per role.
var root = new RootCommand("LiveCommerce sample client: watch and shop a live room, or host one.")
{
    ViewerCommand.Create(),
    HostCommand.Create(),
};
foreach (var option in GlobalOptions.All) root.Options.Add(option);

return await root.Parse(args).InvokeAsync();
