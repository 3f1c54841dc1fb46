using EdgeAspire.Hosting.Publishing.Input;
using k8s.Models;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>A container's environment in order, one value per name: what the publisher sets for the cluster
/// replaces the composition's value in place (order matters: <c>$(VAR)</c> sees only earlier variables).</summary>
internal sealed class PodEnvironment
{
    private readonly List<V1EnvVar> _variables = [];

    public PodEnvironment Set(V1EnvVar variable)
    {
        var index = _variables.FindIndex(v => v.Name == variable.Name);
        if (index >= 0)
        {
            _variables[index] = variable;
        }
        else
        {
            _variables.Add(variable);
        }
        return this;
    }

    public PodEnvironment Set(string name, string value) => Set(Kube.Env(name, value));

    public PodEnvironment Set(string name, EnvValue value) => Set(Kube.Env(name, value));

    public PodEnvironment SetSecret(string name, string key) => Set(ClusterSecret.Env(name, key));

    /// <summary>A key from the secret unless the composition already gives this variable one of its own secrets.</summary>
    public PodEnvironment RequireSecret(string name, string key) =>
        _variables.Any(v => v.Name == name && v.ValueFrom?.SecretKeyRef is not null) ? this : SetSecret(name, key);

    public IReadOnlyList<V1EnvVar> Variables => _variables;
}
