using LiveCommerce.LiveHost.Hosting;

// The whole composition lives in LiveHostApp so that tests start the very same host on a free port.
var app = LiveHostApp.Build(args);
await app.RunAsync();
