namespace Platform.Mcp.Tests.Infrastructure;

public sealed record NodeRun(int ExitCode, string Output, string Errors);
