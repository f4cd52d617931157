# The Silo process (also `Silo migrate` and `Silo audit verify`). Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t registry.example.com/confluence-gateway/silo:0.1.0 .
# Runs as the non-root user of Microsoft's chiseled images (uid 1654), with no shell, on a read-only root filesystem.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY . .
RUN dotnet publish src/Silo/Silo.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app .
USER 1654
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "Silo.dll"]
