using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting;

/// <summary>
/// Mutual TLS between silos and between Orleans clients (Api processes) and silos. Section <c>Hosting:Tls</c>. Every
/// member presents a certificate issued by the cluster's own certificate authority and accepts only peers whose
/// certificate chains to it; silos are reached by pod IP, so the CA, not a host name, is what a peer is checked against.
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>Cluster mode refuses to start without certificates unless this is <c>false</c> (local development only).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This member's certificate: a PEM file (with <see cref="KeyPath"/>) or a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/> (Kubernetes TLS secrets mount it as <c>tls.key</c>).</summary>
    public string? KeyPath { get; set; }

    /// <summary>Base64 of a PKCS#12 file, for platforms that hand secrets over as environment variables only.</summary>
    public string? CertificateBase64 { get; set; }

    /// <summary>Password of a PKCS#12 certificate or of an encrypted PEM key; empty when there is none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>PEM file with the certificate(s) of the cluster's CA; during a CA rotation it holds the old and the new one.</summary>
    public string? AuthorityPath { get; set; }

    /// <summary>Base64 of that PEM file, as an alternative to <see cref="AuthorityPath"/>.</summary>
    public string? AuthorityBase64 { get; set; }

    internal bool IsPkcs12Path =>
        CertificatePath is { } path
        && (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase));

    internal IEnumerable<ValidationResult> Validate()
    {
        if (!Enabled)
        {
            yield break;
        }

        const string prefix = "Hosting:Tls";
        if (string.IsNullOrWhiteSpace(CertificatePath) == string.IsNullOrWhiteSpace(CertificateBase64))
        {
            yield return new ValidationResult(
                $"Cluster mode needs exactly one of {prefix}:CertificatePath or {prefix}:CertificateBase64 (environment: Hosting__Tls__CertificatePath), "
                + "or Hosting__Tls__Enabled=false for local development without TLS.",
                [nameof(CertificatePath)]);
        }

        if (!string.IsNullOrWhiteSpace(CertificatePath) && !IsPkcs12Path && string.IsNullOrWhiteSpace(KeyPath))
        {
            yield return new ValidationResult(
                $"{prefix}:CertificatePath names a PEM certificate, so {prefix}:KeyPath must name its private key.", [nameof(KeyPath)]);
        }

        if (!string.IsNullOrWhiteSpace(KeyPath) && (IsPkcs12Path || !string.IsNullOrWhiteSpace(CertificateBase64)))
        {
            yield return new ValidationResult(
                $"{prefix}:KeyPath only goes with a PEM {prefix}:CertificatePath; a PKCS#12 certificate carries its own key.", [nameof(KeyPath)]);
        }

        if (string.IsNullOrWhiteSpace(AuthorityPath) == string.IsNullOrWhiteSpace(AuthorityBase64))
        {
            yield return new ValidationResult(
                $"Cluster mode needs exactly one of {prefix}:AuthorityPath or {prefix}:AuthorityBase64: the CA that issues the cluster's certificates.",
                [nameof(AuthorityPath)]);
        }
    }
}
