global using EdgeAspire.ModelStore.Tests.Infrastructure;
global using Microsoft.Extensions.DependencyInjection;
