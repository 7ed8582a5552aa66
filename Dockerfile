# syntax=docker/dockerfile:1
# headlog: build the release binary, then run it on a slim Debian as a non-root user.
#   docker build -t headlog .
#   docker run --rm -e HEADLOG_BOT_TOKEN=… -v headlog-data:/var/lib/headlog headlog
# The builder caches the registry and the target directory between builds (BuildKit).

FROM rust:1.95-slim-trixie AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin headlog \
    && cp target/release/headlog /usr/local/bin/headlog

FROM debian:trixie-slim
# postgresql-client: pg_dump / pg_restore for `headlog backup` and `restore` on PostgreSQL;
# ca-certificates for their TLS (headlog itself carries its roots: rustls, webpki-roots).
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 headlog \
    && useradd --system --uid 10001 --gid headlog --home-dir /var/lib/headlog --create-home headlog
COPY --from=build /usr/local/bin/headlog /usr/local/bin/headlog
USER 10001:10001
WORKDIR /var/lib/headlog
# SQLite in the volume by default; set HEADLOG_DATABASE_URL=postgres://… for PostgreSQL.
ENV HEADLOG_DATABASE_URL=sqlite:///var/lib/headlog/headlog.db \
    HEADLOG_HTTP_ADDR=0.0.0.0:8080 \
    HEADLOG_LOG_FORMAT=json
VOLUME ["/var/lib/headlog"]
EXPOSE 8080
# SIGTERM (docker stop, Kubernetes) stops it gracefully: in-flight updates and sends finish.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/headlog"]
CMD ["run"]
