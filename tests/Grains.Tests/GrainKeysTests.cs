using Platform.Grains.Identity;

namespace Platform.Grains.Tests;

public sealed class GrainKeysTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("acme-corp")]
    [InlineData("a1-b2-c3")]
    public void Valid_tenant_ids_parse(string value) => Assert.Equal(value, TenantId.Parse(value).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("acme/evil")]
    [InlineData("acme corp")]
    [InlineData("acme\n")]
    public void Invalid_tenant_ids_are_refused(string? value)
    {
        Assert.False(TenantId.TryParse(value, out _));
        Assert.Throws<ArgumentException>(() => TenantId.Parse(value));
    }

    [Fact]
    public void A_tenant_id_is_at_most_63_characters()
    {
        Assert.True(TenantId.TryParse(new string('a', 63), out _));
        Assert.False(TenantId.TryParse(new string('a', 64), out _));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("alice@example.com")]
    [InlineData("a.b_c-d")]
    public void Valid_user_ids_parse(string value) => Assert.Equal(value, UserId.Parse(value).Value);

    [Theory]
    [InlineData("bob/admin")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("557058:f1b2")]
    [InlineData("bob\n")]
    public void User_ids_cannot_carry_a_key_separator_or_start_with_punctuation(string value) =>
        Assert.False(UserId.TryParse(value, out _));

    [Fact]
    public void A_user_key_round_trips_to_its_tenant_and_user()
    {
        var tenant = TenantId.Parse("acme");
        var user = UserId.Parse("alice@example.com");

        var key = GrainKeys.ForUser(tenant, user);

        Assert.Equal("acme/alice@example.com", key);
        Assert.Equal((tenant, user), GrainKeys.ParseUser(key));
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("acme/bob/x")]
    [InlineData("ACME/bob")]
    public void Malformed_user_keys_are_refused(string key) =>
        Assert.Throws<ArgumentException>(() => GrainKeys.ParseUser(key));
}
