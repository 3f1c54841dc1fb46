# syntax=docker/dockerfile:1
# the ModelStore for linux/amd64 and linux/arm64 (Raspberry Pi 5). From the repository root:
#   docker buildx build --platform linux/amd64,linux/arm64 -f deploy/docker/modelstore.Dockerfile -t ghcr.io/edgeaspire/modelstore:0.1.0 --push .   # the release tag the K3s manifests use

# The SDK runs natively on the build machine and publishes for the target architecture (no emulation needed).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
# deploy/publish.sh is the one publish command: self-contained for the target RID, llama.cpp's native libraries for
# that RID only (fetched with `npm pack`, src/EdgeAspire.Llama/build/LlamaNative.targets). The arm64 smoke test
# (deploy/arm64/smoke.sh) runs the same script, so what it runs under Cortex-A76 emulation is what this image carries.
RUN apt-get update && apt-get install -y --no-install-recommends npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN deploy/publish.sh modelstore linux-$([ "$TARGETARCH" = "arm64" ] && echo arm64 || echo x64) /app

# Self-contained: the runtime is in /app, the base image only brings what it links against (glibc, libssl, …).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["./EdgeAspire.ModelStore"]
