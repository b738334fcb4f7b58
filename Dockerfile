# Baktainer's container image: a static-stdlib release build in Swift's official image, shipped in a distroless-style
# image: the binary and the few files of Debian (bookworm-slim) it needs, no shell, no package manager.
#
#   docker build -t baktainer .
#
# builds the binary inside the image (about 20 minutes for a cold build on 2 cores). Without a registry
# (air-gapped machines, this project's CI), scripts/build-image.sh first makes stand-ins for the two base images
# and then runs this very file. `--build-arg BINARY_STAGE=prebuilt` puts a binary built on the host into the
# runtime stage instead: scripts/build-image.sh --prebuilt PATH stages it (and, for a binary linked against the
# toolchain's shared Swift runtime, the libraries it needs) in .build-prebuilt/out/ for the `prebuilt` stage below.
# Written for the legacy builder, which runs every stage (BuildKit would skip the unused ones). Needs network for
# `apt-get` and `swift package resolve` (scripts/build-image.sh builds with `--network host`: Docker's bridge has no
# way out on a host whose dockerd runs without iptables).
#
# Running it: the Docker socket and a backup directory (or named volume) mounted, and the socket's group added
# so that the non-root user may use it:
#
#   docker run -d --name baktainer --group-add "$(stat -c %g /var/run/docker.sock)" \
#     -v /var/run/docker.sock:/var/run/docker.sock -v baktainer-backups:/backups baktainer
ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim
# `build` (compile here) or `prebuilt` (take .build-prebuilt/out/ from the build context).
ARG BINARY_STAGE=build

# ---- build: a release binary with the Swift runtime linked in statically -------------------------------------
FROM ${SWIFT_IMAGE} AS build
ARG BINARY_STAGE
# The legacy builder runs every stage, wanted or not: in prebuilt mode this one only copies the sources (and
# scripts/build-image.sh gives it the runtime image as its base, so that no Swift image is needed).
LABEL baktainer.stage="build-${BINARY_STAGE}"
WORKDIR /src
# Dependencies first, in a layer of their own that survives changes to the sources.
COPY Package.swift Package.resolve[d] ./
RUN if [ "$BINARY_STAGE" = build ]; then swift package resolve; fi
# SwiftPM checks every target's directory, so the tests' and benchmarks' sources come along (they are not built).
COPY Sources ./Sources
COPY Benchmarks ./Benchmarks
COPY Tests ./Tests
# Stripped: debug info and the symbol table are half the file.
RUN mkdir -p /stage/out/usr/local/bin \
    && if [ "$BINARY_STAGE" != build ]; then exit 0; fi \
    && swift build -c release --static-swift-stdlib --product baktainer \
    && install -m 0755 "$(swift build -c release --show-bin-path)/baktainer" /stage/out/usr/local/bin/baktainer \
    && strip /stage/out/usr/local/bin/baktainer

# ---- prebuilt: whatever scripts/build-image.sh staged in .build-prebuilt/out/ ---------------------------------
FROM scratch AS prebuilt
LABEL baktainer.stage="prebuilt"
# The glob lets this COPY find nothing (a plain `docker build .`, where this stage is unused); Package.swift is
# there only because a COPY needs at least one source.
COPY Package.swift .build-prebuil[t] /stage/

FROM ${BINARY_STAGE} AS binary

# ---- runtime files: from Debian, only what the binary needs at run time -----------------------------------------
# The shared libraries it links (ldd of the static-stdlib binary: libc, libm, libstdc++, libgcc_s, libz, libzstd),
# CA certificates (TLS to Docker or to off-site peers), tzdata (TZ), a passwd/group naming the user, /tmp, and
# /backups owned by that user. The slim image itself would be 29 MB of the image's compressed size, a shell and apt
# included; this way the image is the binary plus about 3 MB. `dpkg-query -s` records for the packages the files
# come from go along (/var/lib/dpkg/status.d, as in distroless images) for vulnerability scanners.
FROM ${RUNTIME_IMAGE} AS runtime-files
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata libc6 libstdc++6 libgcc-s1 zlib1g libzstd1 \
    && mkdir -p /rootfs/etc /rootfs/tmp /rootfs/backups /rootfs/var/lib/dpkg/status.d \
    && for name in libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 libstdc++.so.6 libgcc_s.so.1 libz.so.1 libzstd.so.1; do \
         path="$(ldconfig -p | awk -v n="$name" '$1 == n { print $NF; exit }')"; \
         [ -n "$path" ] || { echo "no $name" >&2; exit 1; }; \
         cp -L --parents "$path" /rootfs; \
       done \
    && for loader in /lib64/ld-linux-*.so.* /lib/ld-linux-*.so.*; do [ ! -e "$loader" ] || cp -L --parents "$loader" /rootfs; done \
    && cp -a --parents /etc/ssl/certs /usr/share/ca-certificates /usr/share/zoneinfo /etc/os-release /usr/lib/os-release /rootfs \
    && for package in libc6 libstdc++6 libgcc-s1 zlib1g libzstd1 ca-certificates tzdata; do \
         dpkg-query -s "$package" >"/rootfs/var/lib/dpkg/status.d/$package"; \
         cp --parents "/usr/share/doc/$package/copyright" /rootfs; \
       done \
    && printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nbaktainer:x:10001:10001:Baktainer:/nonexistent:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >/rootfs/etc/passwd \
    && printf 'root:x:0:\nbaktainer:x:10001:\nnogroup:x:65534:\n' >/rootfs/etc/group \
    && chmod 1777 /rootfs/tmp \
    && chown 10001:10001 /rootfs/backups && chmod 0750 /rootfs/backups \
    && rm -rf /var/lib/apt/lists/*

# ---- runtime -------------------------------------------------------------------------------------------------
FROM scratch
COPY --from=runtime-files /rootfs/ /
COPY --from=binary /stage/out/ /
ENV PATH=/usr/local/bin:/usr/bin:/bin
# After the layers above, so that a new revision or version leaves their cache alone.
ARG VERSION=0.1.0
ARG REVISION=
ARG SOURCE=
LABEL org.opencontainers.image.title="Baktainer" \
      org.opencontainers.image.description="Database-backup daemon for Docker hosts: finds database containers by their baktainer.* labels and dumps them with the engine's own tool inside the container" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="Apache-2.0"
# A new named volume takes /backups' owner and mode from here, so the non-root user can write to it.
VOLUME ["/backups"]
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["baktainer", "healthcheck"]
ENTRYPOINT ["baktainer"]
CMD ["run"]
