using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>Multi-line strings (the init container's script) as <c>|</c> blocks, which read like the script itself;
/// YamlDotNet would fold them with a blank line between lines.</summary>
internal sealed class LiteralBlockEmitter(IEventEmitter next) : ChainedEventEmitter(next)
{
    public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
    {
        ArgumentNullException.ThrowIfNull(eventInfo);
        if (eventInfo.Source.Value is string text && text.Contains('\n', StringComparison.Ordinal))
        {
            eventInfo.Style = ScalarStyle.Literal;
        }
        base.Emit(eventInfo, emitter);
    }
}
