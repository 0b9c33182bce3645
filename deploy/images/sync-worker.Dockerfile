# Image of fxhome's sync worker: takes jobs from RabbitMQ; accounts in flight follow the heap, and the heap follows the
# container's memory limit (MaxRAMPercentage), so a bigger memory limit syncs more accounts at once.
# Build from the repository root after `./fxhome build` (needs a Docker/BuildKit engine):
#   docker build -f deploy/images/sync-worker.Dockerfile -t fxhome/sync-worker:0.1.0 .
# The Java runtime follows the container: JAVA_OPTS sizes the heap as a share of the memory limit.
FROM eclipse-temurin:25-jre

# -XX:TieredStopAtLevel=1: only the JIT's quick compiler (C1). A just-started worker's first sync then costs about
# half the CPU it did with C2's compilations, and a warm sync no more (docs/benchmarks.md, "Cold and warm: C1 only").
ENV LANG=C.UTF-8 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError" \
    QUARKUS_HTTP_HOST=0.0.0.0
WORKDIR /deployments

# Layered like Quarkus' fast-jar: third-party libraries change least, so they come first and stay cached.
COPY sync-worker/target/quarkus-app/lib/ /deployments/lib/
COPY sync-worker/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY sync-worker/target/quarkus-app/app/ /deployments/app/
COPY sync-worker/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar
COPY --chmod=755 deploy/images/fxhome-healthcheck /usr/local/bin/fxhome-healthcheck

# Files stay owned by root and read-only to the app; it runs as an unprivileged numeric user (runAsNonRoot can check it).
USER 10001:10001
EXPOSE 8091
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/fxhome-healthcheck", "8091"]
# exec: java is PID 1 and gets SIGTERM, so Quarkus shuts down gracefully (a worker's unacknowledged jobs go back to the queue).
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
