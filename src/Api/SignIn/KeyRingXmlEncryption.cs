using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Platform.Grains.Security;

namespace Platform.Api.SignIn;

/// <summary>Seals Data Protection keys at rest with the platform key ring (AES-256-GCM), as every other secret is.</summary>
public sealed class KeyRingXmlEncryption(SecretSealer sealer) : IXmlEncryptor
{
    private const string Context = "platform:data-protection-key";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("sealed", sealer.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting), Context)), typeof(KeyRingXmlDecryption));

    /// <summary>Data Protection instantiates the decryptor by type, handing it only the service provider.</summary>
    public sealed class KeyRingXmlDecryption(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement) =>
            XElement.Parse(services.GetRequiredService<SecretSealer>().Unseal(encryptedElement.Value, Context));
    }
}
