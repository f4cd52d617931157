using System.Text.Json;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;
using static Platform.Governance.Tests.GovernanceStates;

namespace Platform.Governance.Tests;

public sealed class GovernanceChangesTests
{
    [Theory]
    [InlineData("writers", true)]
    [InlineData("a", true)]
    [InlineData("team-2", true)]
    [InlineData("", false)]
    [InlineData("Writers", false)]
    [InlineData("-writers", false)]
    [InlineData("writers-", false)]
    [InlineData("two words", false)]
    [InlineData("writers\n", false)]
    [InlineData("a123456789a123456789a123456789a123456789a123456789a123456789abcd", false)]
    public void Names_are_lowercase_letters_digits_and_inner_hyphens(string name, bool valid)
    {
        var state = Discovered();

        var refusal = Record.Exception(() => new GovernanceChanges(state).CreateGroup(new DirectoryGroup(name, [])));

        Assert.Equal(valid, refusal is null);
        if (!valid)
        {
            Assert.Equal(["Name"], Assert.IsType<InvalidRequestException>(refusal).Errors.Keys);
        }
    }

    public static TheoryData<DirectoryUser, string> InvalidUsers => new()
    {
        { new DirectoryUser(UserId.SharedConnection, null, null, true, DirectoryRole.Member), "Id" },
        { new DirectoryUser(default, null, null, true, DirectoryRole.Member), "Id" },
        { new DirectoryUser(UserId.Parse("bob"), null, "not an address", true, DirectoryRole.Member), "Email" },
        { new DirectoryUser(UserId.Parse("bob"), null, new string('a', 250) + "@x.io", true, DirectoryRole.Member), "Email" },
        { new DirectoryUser(UserId.Parse("bob"), new string('e', 201), null, true, DirectoryRole.Member), "ExternalId" },
        { new DirectoryUser(UserId.Parse("bob"), null, null, true, (DirectoryRole)7), "Role" },
    };

    [Theory]
    [MemberData(nameof(InvalidUsers))]
    public void A_user_breaking_a_rule_is_refused_by_field_and_changes_nothing(DirectoryUser user, string field)
    {
        var state = Discovered();
        var before = Snapshot(state);

        var refusal = Assert.Throws<InvalidRequestException>(() => new GovernanceChanges(state).CreateUser(user));

        Assert.Equal([field], refusal.Errors.Keys);
        Assert.Equal(before, Snapshot(state));
    }

    [Fact]
    public void A_user_is_stored_trimmed_with_blank_fields_as_none()
    {
        var state = Discovered();

        var created = new GovernanceChanges(state).CreateUser(new DirectoryUser(UserId.Parse("bob"), "  ", " bob@example.com ", true, DirectoryRole.Admin));

        Assert.Equal(new DirectoryUser(UserId.Parse("bob"), null, "bob@example.com", true, DirectoryRole.Admin), created.After);
    }

    /// <summary>Changes that must be refused, by what they try: the change, the refusal, and for a 400 its field.</summary>
    private static readonly Dictionary<string, (Action<GovernanceChanges> Change, Type Refusal, string? Field)> RefusedChanges = new()
    {
        ["unknown tool in a toolset"] = (c => c.CreateToolset("set", [GetPage.Name, "no_such_tool"]), typeof(InvalidRequestException), "Tools"),
        ["null tool in a toolset"] = (c => c.CreateToolset("set", [null!]), typeof(InvalidRequestException), "Tools"),
        ["unknown member"] = (c => c.CreateGroup(new DirectoryGroup("team", ["nobody"])), typeof(InvalidRequestException), "Members"),
        ["unknown toolset in a profile"] = (c => c.CreateProfile(new AccessProfile("p", ["nothing"], [], [])), typeof(InvalidRequestException), "Toolsets"),
        ["unknown group in a profile"] = (c => c.CreateProfile(new AccessProfile("p", [], [], ["nothing"])), typeof(InvalidRequestException), "Groups"),
        ["unknown user in a profile"] = (c => c.CreateProfile(new AccessProfile("p", [], ["nobody"], [])), typeof(InvalidRequestException), "Users"),
        ["undecidable decision"] = (c => c.DecideTool(GetPage.Name, ToolApproval.PendingReReview), typeof(InvalidRequestException), "decision"),
        ["unknown classification"] = (c => c.SetClassification((DefaultToolClassification)9), typeof(InvalidRequestException), "classification"),
        ["duplicate toolset"] = (c => c.CreateToolset("writers", []), typeof(ConflictException), null),
        ["built-in toolset name"] = (c => c.CreateToolset(Toolset.AllApproved, []), typeof(ConflictException), null),
        ["changing a built-in toolset"] = (c => c.ReplaceToolset(Toolset.ReadOnlyApproved, []), typeof(ConflictException), null),
        ["deleting a bound toolset"] = (c => c.DeleteToolset("writers"), typeof(ConflictException), null),
        ["deleting a bound group"] = (c => c.DeleteGroup("staff"), typeof(ConflictException), null),
        ["duplicate group"] = (c => c.CreateGroup(new DirectoryGroup("staff", [])), typeof(ConflictException), null),
        ["duplicate profile"] = (c => c.CreateProfile(new AccessProfile("writing", [], [], [])), typeof(ConflictException), null),
        ["duplicate user"] = (c => c.CreateUser(new DirectoryUser(UserId.Parse("alice"), null, null, true, DirectoryRole.Member)), typeof(ConflictException), null),
        ["unknown tool"] = (c => c.DecideTool("no_such_tool", ToolApproval.Approved), typeof(NotFoundException), null),
        ["unknown toolset"] = (c => c.ReplaceToolset("nothing", []), typeof(NotFoundException), null),
        ["unknown profile"] = (c => c.DeleteProfile("nothing"), typeof(NotFoundException), null),
        ["unknown group"] = (c => c.ReplaceGroup(new DirectoryGroup("nothing", [])), typeof(NotFoundException), null),
        ["unknown user"] = (c => c.SetUserEnabled(UserId.Parse("nobody"), false), typeof(NotFoundException), null),
    };

    public static TheoryData<string> RefusedChangeNames => [.. RefusedChanges.Keys];

    [Theory]
    [MemberData(nameof(RefusedChangeNames))]
    public void A_refused_change_says_why_and_changes_nothing(string what)
    {
        var (change, refusal, field) = RefusedChanges[what];
        var state = StaffWithWriters();
        var before = Snapshot(state);

        var thrown = Record.Exception(() => change(new GovernanceChanges(state)));

        Assert.True(thrown?.GetType() == refusal, $"{what}: {thrown?.GetType().Name ?? "no refusal"}");
        if (field is not null)
        {
            Assert.Equal([field], Assert.IsType<InvalidRequestException>(thrown).Errors.Keys);
        }

        Assert.Equal(before, Snapshot(state));
    }

    [Fact]
    public void A_huge_unknown_name_comes_back_capped_without_control_characters()
    {
        var state = Discovered();
        var huge = "line\r\nbreak" + new string('x', 5_000_000);

        var refusal = Assert.Throws<InvalidRequestException>(() => new GovernanceChanges(state).CreateGroup(new DirectoryGroup("team", [huge])));

        Assert.Equal($"There is no user 'line\uFFFD\uFFFDbreak{new string('x', Echo.MaxLength - 12)}…'.", refusal.Message);
        Assert.Equal([refusal.Message], refusal.Errors["Members"]);
    }

    [Fact]
    public void Deleting_a_user_removes_them_from_every_group_and_profile()
    {
        var state = StaffWithWriters();
        var bob = AddUser(state, "bob");
        var changes = new GovernanceChanges(state);
        changes.ReplaceGroup(new DirectoryGroup("staff", ["alice", bob.Value]));
        changes.ReplaceProfile(new AccessProfile("writing", ["writers"], ["alice", bob.Value], ["staff"]));

        var deleted = changes.DeleteUser(UserId.Parse("alice"));

        Assert.Equal("alice", deleted.Before!.Id.Value);
        Assert.Null(deleted.After);
        Assert.Equal([bob.Value], GovernanceViews.Groups(state).Single().Members);
        Assert.Equal([bob.Value], GovernanceViews.Profiles(state).Single().Users);
    }

    [Fact]
    public void Replacing_a_user_keeps_their_api_keys_and_answers_before_and_after()
    {
        var state = Discovered();
        var alice = AddUser(state);
        state.Users[alice.Value].ApiKeyIds.Add("0123456789abcdef");

        var replaced = new GovernanceChanges(state).ReplaceUser(new DirectoryUser(alice, "ext-1", null, true, DirectoryRole.Admin));

        Assert.Equal((DirectoryRole.Member, "alice@example.com"), (replaced.Before!.Role, replaced.Before.Email));
        Assert.Equal(new DirectoryUser(alice, "ext-1", null, true, DirectoryRole.Admin), replaced.After);
        Assert.Equal(["0123456789abcdef"], state.Users[alice.Value].ApiKeyIds);
    }

    [Fact]
    public void Approving_binds_the_approval_to_the_current_definition_and_a_view_never_changes_afterwards()
    {
        var state = Discovered();
        var changes = new GovernanceChanges(state);
        var toolset = changes.CreateToolset("readers", [GetPage.Name, GetPage.Name]);

        var approved = changes.DecideTool(GetPage.Name, ToolApproval.Approved);
        changes.ReplaceToolset("readers", [CreatePage.Name]);

        Assert.Equal((ToolApproval.PendingReview, null), (approved.Before!.Approval, approved.Before.ApprovedDefinitionHash));
        Assert.Equal((ToolApproval.Approved, GetPage.DefinitionHash), (approved.After!.Approval, approved.After.ApprovedDefinitionHash));
        Assert.Equal([GetPage.Name], toolset.After!.Tools);
    }

    /// <summary>A tenant with users alice, a group staff (alice), a toolset writers (create_page), and a profile writing binding both.</summary>
    private static GovernanceState StaffWithWriters()
    {
        var state = Discovered();
        AddUser(state);
        var changes = new GovernanceChanges(state);
        changes.CreateGroup(new DirectoryGroup("staff", ["alice"]));
        changes.CreateToolset("writers", [CreatePage.Name]);
        changes.CreateProfile(new AccessProfile("writing", ["writers"], [], ["staff"]));
        return state;
    }

    private static string Snapshot(GovernanceState state) => JsonSerializer.Serialize(state);
}
