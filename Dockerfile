# The registry as a container image: an SDK stage builds and publishes, the ASP.NET Core runtime stage runs it as
# the image's non-root user. Build from the repository root:
#
#   docker build -t registry-dotnet .
#   docker run -p 5000:5000 -v registry-data:/var/lib/registry registry-dotnet
#
# With no other settings the node keeps blobs and SQLite metadata in the /var/lib/registry volume. For several
# nodes set the PostgreSQL and S3 providers (compose/compose.yaml, docs/deploy.md); the volume is then unused.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files alone, so the package layer is reused while only sources change.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Registry.Core/Registry.Core.csproj Registry.Core/
COPY Registry.Storage/Registry.Storage.csproj Registry.Storage/
COPY Registry.Api/Registry.Api.csproj Registry.Api/
RUN dotnet restore Registry.Api/Registry.Api.csproj

COPY Registry.Core/ Registry.Core/
COPY Registry.Storage/ Registry.Storage/
COPY Registry.Api/ Registry.Api/
RUN dotnet publish Registry.Api/Registry.Api.csproj --configuration Release --no-restore \
        --output /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# APP_UID (1654, user "app") is defined by the runtime image. The data directory belongs to it.
RUN mkdir -p /var/lib/registry && chown "$APP_UID:$APP_UID" /var/lib/registry
ENV ASPNETCORE_HTTP_PORTS=5000 \
    Registry__Storage__Path=/var/lib/registry \
    Registry__Logging__Format=json
VOLUME /var/lib/registry
USER $APP_UID
EXPOSE 5000

# The runtime image has no curl: the registry binary probes its own /healthz (port from ASPNETCORE_HTTP_PORTS).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/Registry.Api.dll", "--healthcheck"]

ENTRYPOINT ["dotnet", "/app/Registry.Api.dll"]
