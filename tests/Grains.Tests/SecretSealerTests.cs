using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.Grains.Security;

namespace Platform.Grains.Tests;

public sealed class SecretSealerTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_sealed_secret_opens_with_the_same_context_and_hides_the_plaintext()
    {
        var sealer = Sealer(("k1", KeyA));

        var sealedValue = sealer.Seal("refresh-token-secret", "acme/alice:refresh_token");

        Assert.StartsWith("v1.k1.", sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-token-secret", sealedValue, StringComparison.Ordinal);
        Assert.Equal("refresh-token-secret", sealer.Unseal(sealedValue, "acme/alice:refresh_token"));
    }

    [Fact]
    public void Sealing_twice_gives_different_ciphertexts() =>
        Assert.NotEqual(Sealer(("k1", KeyA)).Seal("same", "c"), Sealer(("k1", KeyA)).Seal("same", "c"));

    [Fact]
    public void A_ciphertext_moved_to_another_users_context_does_not_open()
    {
        var sealer = Sealer(("k1", KeyA));
        var sealedValue = sealer.Seal("token", "acme/alice:refresh_token");

        Assert.ThrowsAny<CryptographicException>(() => sealer.Unseal(sealedValue, "acme/mallory:refresh_token"));
    }

    [Fact]
    public void A_tampered_ciphertext_does_not_open()
    {
        var sealer = Sealer(("k1", KeyA));
        var sealedValue = sealer.Seal("token", "c");
        var tampered = sealedValue[..^2] + (sealedValue[^2] == 'A' ? "B" : "A") + sealedValue[^1];

        Assert.ThrowsAny<CryptographicException>(() => sealer.Unseal(tampered, "c"));
    }

    [Fact]
    public void After_adding_a_new_active_key_old_values_still_open_and_are_flagged_for_resealing()
    {
        var old = Sealer(("k1", KeyA)).Seal("token", "c");
        var rotated = Sealer(("k2", KeyB), ("k1", KeyA));

        Assert.Equal("token", rotated.Unseal(old, "c"));
        Assert.True(rotated.IsSealedWithOldKey(old));
        Assert.False(rotated.IsSealedWithOldKey(rotated.Seal("token", "c")));
    }

    [Fact]
    public void A_value_sealed_under_a_key_no_longer_in_the_ring_does_not_open()
    {
        var sealedValue = Sealer(("k1", KeyA)).Seal("token", "c");

        Assert.ThrowsAny<CryptographicException>(() => Sealer(("k2", KeyB)).Unseal(sealedValue, "c"));
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64!")]
    public void A_key_that_is_not_32_bytes_of_base64_is_refused_at_start(string key) =>
        Assert.Throws<OptionsValidationException>(() => Sealer(("k1", key)));

    [Fact]
    public void An_active_key_id_missing_from_the_ring_is_refused_at_start() =>
        Assert.Throws<OptionsValidationException>(() => new SecretSealer(Options.Create(new KeyRingOptions
        {
            Keys = { ["k1"] = KeyA },
            ActiveKeyId = "k9",
        })));

    private static SecretSealer Sealer(params (string Id, string Key)[] keys)
    {
        var options = new KeyRingOptions { ActiveKeyId = keys[0].Id };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return new SecretSealer(Options.Create(options));
    }
}
