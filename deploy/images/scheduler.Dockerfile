# Image of fxhome's scheduler: enqueues sync jobs for due accounts (run 2; Quartz is clustered on PostgreSQL).
# Build from the repository root after `./fxhome build` (needs a Docker/BuildKit engine):
#   docker build -f deploy/images/scheduler.Dockerfile -t fxhome/scheduler:0.1.0 .
# The Java runtime follows the container: JAVA_OPTS sizes the heap as a share of the memory limit.
FROM eclipse-temurin:25-jre

ENV LANG=C.UTF-8 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    QUARKUS_HTTP_HOST=0.0.0.0
WORKDIR /deployments

# Layered like Quarkus' fast-jar: third-party libraries change least, so they come first and stay cached.
COPY scheduler/target/quarkus-app/lib/ /deployments/lib/
COPY scheduler/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY scheduler/target/quarkus-app/app/ /deployments/app/
COPY scheduler/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar
COPY --chmod=755 deploy/images/fxhome-healthcheck /usr/local/bin/fxhome-healthcheck

# Files stay owned by root and read-only to the app; it runs as an unprivileged numeric user (runAsNonRoot can check it).
USER 10001:10001
EXPOSE 8092
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/fxhome-healthcheck", "8092"]
# exec: java is PID 1 and gets SIGTERM, so Quarkus shuts down gracefully (a worker's unacknowledged jobs go back to the queue).
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
