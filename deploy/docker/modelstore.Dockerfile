# syntax=docker/dockerfile:1
# the ModelStore for linux/amd64 and linux/arm64 (Raspberry Pi 5). From the repository root:
#   docker buildx build --platform linux/amd64,linux/arm64 -f deploy/docker/modelstore.Dockerfile -t ghcr.io/edgeaspire/modelstore:0.1.0 --push .   # the release tag the K3s manifests use

# The SDK runs natively on the build machine and publishes for the target architecture (no emulation needed).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
# The build gets llama.cpp's native libraries exactly as on a laptop: `npm pack @node-llama-cpp/<rid>`
# (src/EdgeAspire.Llama/build/LlamaNative.targets), here only for the target's RID.
RUN apt-get update && apt-get install -y --no-install-recommends npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN RID=linux-$([ "$TARGETARCH" = "arm64" ] && echo arm64 || echo x64) \
 && dotnet publish src/EdgeAspire.ModelStore/EdgeAspire.ModelStore.csproj -c Release -r "$RID" --self-contained false \
      -p:UseAppHost=false -p:LlamaNativeRids="$RID" -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "EdgeAspire.ModelStore.dll"]
