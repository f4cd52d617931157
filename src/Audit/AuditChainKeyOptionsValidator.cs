using Microsoft.Extensions.Options;

namespace Platform.Audit;

/// <summary>Refuses at start a chain key ring that could not key or verify rows, saying what is wrong (never a key).</summary>
internal sealed class AuditChainKeyOptionsValidator : IValidateOptions<AuditChainKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditChainKeyOptions options) =>
        AuditChain.Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
