using System.ComponentModel.DataAnnotations;
using EdgeAspire.ModelStore.Catalog;

namespace EdgeAspire.ModelStore;

/// <summary>Settings under <c>ModelStore:</c>. The names are a contract: scripts and the AppHost set them.</summary>
public sealed class ModelStoreOptions
{
    public const string SectionName = "ModelStore";

    public const string HubEndpoint = "https://huggingface.co";

    /// <summary>Where files are fetched from: the Hub, a mirror with the same URL layout, or a local server.</summary>
    [Required, Url]
    public string Endpoint { get; set; } = HubEndpoint;

    /// <summary>Folder of <c>&lt;id&gt;.gguf</c> files and their <c>&lt;id&gt;.json</c> state.</summary>
    [Required]
    public string CachePath { get; set; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "edgeaspire", "models");

    /// <summary>Bytes the cache may hold (finished models plus downloads under way); 0 = no limit.</summary>
    [Range(0, long.MaxValue)]
    public long QuotaBytes { get; set; }

    /// <summary>Folders on the store's machine from which <c>POST /models/import {"path"}</c> may copy files
    /// (<c>ModelStore:ImportFolders:0</c>, …). None by default: a client can otherwise name any file the store can
    /// read. The CLI's <c>import</c> command, run by someone on the machine, is not limited to them.</summary>
    public List<string> ImportFolders { get; set; } = [];

    /// <summary>When not empty, <c>/models</c> and <c>/files</c> require <c>Authorization: Bearer &lt;key&gt;</c> with
    /// one of these (<c>ModelStore:ApiKeys:0</c>, …); workers send theirs (<c>PromptApi:ModelStoreApiKey</c>). A blank
    /// key refuses to start.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>With <see cref="ApiKeys"/> set, still let anyone read (GET and HEAD: the catalog, pull progress,
    /// files): for a store reachable only inside a cluster. Import, pull, pin and delete always need a key.</summary>
    public bool AnonymousReads { get; set; }

    /// <summary>More models, or overrides of built-in ones: <c>ModelStore:Catalog:&lt;id&gt;:Repo</c> and so on.</summary>
    public Dictionary<string, CatalogEntryOptions> Catalog { get; set; } = [];

    /// <summary>Longest wait for a response or for the next bytes of one before the attempt counts as dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in a row without progress (5xx, a dropped connection, a stall) before a pull fails.</summary>
    [Range(0, 100)]
    public int MaxRetries { get; set; } = 6;

    /// <summary>First back-off delay; it doubles per failed attempt, up to 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
