using AtlassianSimulator.Hosting;

// Atlassian Cloud simulator: /auth (authorization server), /api (api.atlassian.com), /site/{name} (Confluence site), /_sim (control).
var app = SimulatorHost.Build(args);
app.Run();
