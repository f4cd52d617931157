using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Hosting;

/// <summary>Runs the data-annotation and cross-field checks of <see cref="HostingOptions"/> with readable messages.</summary>
internal sealed class HostingOptionsValidator : IValidateOptions<HostingOptions>
{
    public ValidateOptionsResult Validate(string? name, HostingOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => r.ErrorMessage ?? "invalid hosting options"));
    }
}
