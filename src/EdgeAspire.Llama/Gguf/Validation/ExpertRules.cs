namespace EdgeAspire.Llama.Gguf.Validation;

/// <summary>The mixture-of-experts counts llama.cpp's <c>load_hparams</c> asserts on, checked the same way.</summary>
internal static class ExpertRules
{
    // LLAMA_MAX_EXPERTS in llama-hparams.h.
    private const int MaxExperts = 1024;

    public static void Check(HyperparameterReader read, int layers)
    {
        var experts = read.Integer("expert_count", 0, MaxExperts, required: false) ?? 0;
        var used = read.PerLayer("expert_used_count", layers, 0, experts, required: false)?.Max() ?? 0;
        var groups = read.Integer("expert_group_count", 0, MaxExperts, required: false) ?? 0;
        var groupsUsed = read.Integer("expert_group_used_count", 0, MaxExperts, required: false) ?? 0;
        if (experts == 0)
        {
            ModelFileProblem.Require(used == 0 && groups == 0, $"'{read.Key("expert_count")}' is 0 but experts are used or grouped");
            return;
        }
        ModelFileProblem.Require(used > 0, $"'{read.Key("expert_used_count")}' must be above 0 with {experts} experts");
        ModelFileProblem.Require(groups < experts, $"'{read.Key("expert_group_count")}' {groups} must be below the {experts} experts");
        if (groups > 1)
        {
            ModelFileProblem.Require(experts % groups == 0, $"{experts} experts do not split into {groups} groups");
            ModelFileProblem.Require(groupsUsed > 0 && groupsUsed < groups, $"'{read.Key("expert_group_used_count")}' {groupsUsed} must be 1..{groups - 1}");
        }
    }
}
