namespace EdgeAspire.Llama; internal static class Placeholder { }
