namespace EdgeAspire.ModelStore.Catalog;

/// <summary>One configured catalog entry, <c>ModelStore:Catalog:&lt;id&gt;:…</c>; the id is the section's key.</summary>
public sealed class CatalogEntryOptions
{
    public string? Repo { get; set; }
    public string? File { get; set; }
    public string Revision { get; set; } = "main";
    public string? Sha256 { get; set; }
    public long? Size { get; set; }
    public string? Quantization { get; set; }
    public string? Parameters { get; set; }
    public string? License { get; set; }
}
