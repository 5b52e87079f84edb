#!/usr/bin/env bash
# A single OpenSearch 2.19 node for tests and benchmarks, from Maven Central only.
#
#   opensearch.sh start    start one node in the background (or find it running),
#                          wait for yellow health, print its URL on stdout
#   opensearch.sh stop     stop it and delete its data
#   opensearch.sh status   say whether it is up (exit 0 up, 1 down, 2 not answering)
#
# Everything but the URL goes to stderr, so SEARCH_URL=$(opensearch.sh start) works.
#
# Environment (all optional):
#   OPENSEARCH_PORT           HTTP port on 127.0.0.1 (default 9200; the runner accepts at most 9299)
#   OPENSEARCH_HEAP           heap size, -Xms = -Xmx (default 512m)
#   OPENSEARCH_JAVA_OPTS      extra JVM options, appended last
#   OPENSEARCH_VERSION        OpenSearch 2.19.x artifacts to run (default: the pom's, 2.19.6)
#   OPENSEARCH_START_TIMEOUT  seconds to wait for the node (default 120)
#   OPENSEARCH_STATE_DIR      where pid, log and cached classpath live
#                             (default ${TMPDIR:-/tmp}/commonground-opensearch)
#   OPENSEARCH_JAVA           java binary (default $JAVA_HOME/bin/java, else java on PATH); Java 11-21
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$HERE/pom.xml"
MAIN_CLASS="org.codelibs.opensearch.runner.OpenSearchRunner"

PORT="${OPENSEARCH_PORT:-9200}"
HOST="127.0.0.1"
HEAP="${OPENSEARCH_HEAP:-512m}"
TIMEOUT="${OPENSEARCH_START_TIMEOUT:-120}"
BASE_STATE="${OPENSEARCH_STATE_DIR:-${TMPDIR:-/tmp}/commonground-opensearch}"
STATE="$BASE_STATE/$PORT"          # one state folder per port: nodes on other ports do not collide
PID_FILE="$STATE/pid"
LOG_FILE="$STATE/opensearch.log"
DATA_FILE="$STATE/data_dir"        # holds the path of this node's mktemp data dir
URL="http://$HOST:$PORT"

log() { printf 'opensearch: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

usage() {
    sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

case "$PORT" in
    ''|*[!0-9]*) die "OPENSEARCH_PORT must be a number, got '$PORT'" ;;
esac
if [ "$PORT" -lt 1025 ] || [ "$PORT" -gt 9299 ]; then
    # The runner's main picks base+1 and refuses anything above 9299.
    die "OPENSEARCH_PORT must be between 1025 and 9299 (the runner's limit), got $PORT"
fi

java_bin() {
    if [ -n "${OPENSEARCH_JAVA:-}" ]; then
        printf '%s\n' "$OPENSEARCH_JAVA"
    elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        printf '%s\n' "$JAVA_HOME/bin/java"
    else
        command -v java || die "java not found (Java 17 is expected; set OPENSEARCH_JAVA or JAVA_HOME)"
    fi
}

check_java() {
    local v major
    v="$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
    major="${v%%.*}"
    [ "$major" = "1" ] && major="$(echo "$v" | cut -d. -f2)"
    case "$major" in
        11|17|18|19|20|21) ;;
        *) die "$1 is Java '$v'; OpenSearch 2.19 needs Java 11-21 (17 recommended). Set OPENSEARCH_JAVA." ;;
    esac
}

# Is the recorded pid alive and really our node?
running_pid() {
    local pid
    [ -f "$PID_FILE" ] || return 1
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    case "$pid" in ''|*[!0-9]*) return 1 ;; esac
    kill -0 "$pid" 2>/dev/null || return 1
    if [ -r "/proc/$pid/cmdline" ]; then
        tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$MAIN_CLASS" || return 1
    fi
    printf '%s\n' "$pid"
}

healthy() {
    # Yellow or green within $1 seconds; curl -f fails on the 408 of a timed-out wait.
    curl -sf --max-time "$(( $1 + 5 ))" \
        "$URL/_cluster/health?wait_for_status=yellow&timeout=${1}s" >/dev/null 2>&1
}

port_in_use() {
    (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

# Classpath from Maven, cached per pom content and OpenSearch version; rebuilt when a jar is gone.
classpath() {
    local key cp_file tmp out missing=0 ver_args=()
    command -v sha256sum >/dev/null || die "sha256sum not found"
    key="$( { cat "$POM"; echo "${OPENSEARCH_VERSION:-}"; } | sha256sum | cut -c1-16)"
    cp_file="$BASE_STATE/classpath-$key.txt"
    if [ -s "$cp_file" ]; then
        local jar; local -a jars=()
        IFS=':' read -r -a jars < "$cp_file" || true
        for jar in "${jars[@]}"; do
            [ -f "$jar" ] || { missing=1; break; }
        done
        if [ "$missing" = 0 ]; then
            cat "$cp_file"
            return 0
        fi
    fi
    command -v mvn >/dev/null || die "mvn not found (Maven 3.6+ is needed once to fetch the jars)"
    [ -n "${OPENSEARCH_VERSION:-}" ] && ver_args=("-Dopensearch.version=$OPENSEARCH_VERSION")
    log "resolving jars with Maven (first run downloads ~100 MB into ~/.m2)..."
    tmp="$(mktemp "$BASE_STATE/classpath.XXXXXX")"
    if ! out="$(mvn -q -B -f "$POM" "${ver_args[@]}" dependency:build-classpath \
            -Dmdep.outputFile="$tmp" -Dmdep.includeScope=runtime 2>&1)"; then
        printf '%s\n' "$out" | tail -n 30 >&2
        rm -f "$tmp"
        die "Maven could not resolve the dependencies of $POM"
    fi
    mv -f "$tmp" "$cp_file"
    cat "$cp_file"
}

remove_data() {
    local dir
    [ -f "$DATA_FILE" ] || return 0
    dir="$(cat "$DATA_FILE")"
    # Only ever delete a dir this script made with mktemp.
    case "$(basename "$dir")" in
        commonground-opensearch-data.*) [ -d "$dir" ] && rm -rf -- "$dir" ;;
    esac
    rm -f "$DATA_FILE"
}

cmd_start() {
    local pid java cp data="" deadline
    mkdir -p "$STATE"
    command -v curl >/dev/null || die "curl not found"
    # Serialise concurrent starts/stops on this port. fd 9 is closed for the node itself.
    exec 9>"$STATE/lock"
    if command -v flock >/dev/null; then flock 9; fi

    if pid="$(running_pid)"; then
        if healthy 30; then
            log "already running (pid $pid)"
            echo "$URL"
            return 0
        fi
        log "pid $pid is running but $URL does not answer yet; waiting"
    else
        # Leftovers of a node that died or was killed: clear them.
        rm -f "$PID_FILE"
        remove_data
        if port_in_use; then
            die "port $PORT is already taken by something else; set OPENSEARCH_PORT"
        fi

        java="$(java_bin)"
        check_java "$java"
        cp="$(classpath)"

        data="$(mktemp -d "${TMPDIR:-/tmp}/commonground-opensearch-data.XXXXXX")"
        echo "$data" > "$DATA_FILE"
        mkdir -p "$data/config" "$data/tmp"
        # Read by the node on top of the runner's own settings (path.*, http.port,
        # cluster.name, node.name, node.roles come from the runner).
        cat > "$data/config/opensearch.yml" <<EOF
network.host: $HOST
discovery.type: single-node
cluster.routing.allocation.disk.threshold_enabled: false
EOF
        # -baseHttpPort is base-1: the runner gives node N the port base+N.
        local -a jvm=(-Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Dfile.encoding=UTF-8
                      -Djava.awt.headless=true -Dlog4j2.formatMsgNoLookups=true
                      -Djava.io.tmpdir="$data/tmp")
        # shellcheck disable=SC2206
        [ -n "${OPENSEARCH_JAVA_OPTS:-}" ] && jvm+=($OPENSEARCH_JAVA_OPTS)

        log "starting OpenSearch on $URL (heap $HEAP, data $data, log $LOG_FILE)"
        # shellcheck disable=SC2016  # $$ and $@ belong to the inner bash
        ( cd "$data" && exec setsid bash -c 'echo $$ > "$0"; exec "$@"' "$PID_FILE" \
            "$java" "${jvm[@]}" -cp "$cp" "$MAIN_CLASS" \
            -numOfNode 1 -baseHttpPort "$((PORT - 1))" \
            -basePath "$data" -confPath "$data/config" \
            -clusterName commonground-dev \
            </dev/null >"$LOG_FILE" 2>&1 9>&- ) &
        # wait for the pid file written by the child
        for _ in $(seq 1 50); do [ -s "$PID_FILE" ] && break; sleep 0.1; done
    fi

    deadline=$(( $(date +%s) + TIMEOUT ))
    while :; do
        if ! pid="$(running_pid)"; then
            log "the node exited during startup; last lines of $LOG_FILE:"
            tail -n 40 "$LOG_FILE" >&2 || true
            if tail -n 1 "$LOG_FILE" | grep -q "Closed all nodes"; then
                log "(the runner's main exits without printing the exception that stopped the node;"
                log " usual causes: a bad setting in the generated opensearch.yml, an unwritable TMPDIR, too little memory)"
            fi
            rm -f "$PID_FILE"
            remove_data
            exit 1
        fi
        if healthy 2; then
            # The runner silently moves to the next free port if its port is taken:
            # make sure the node that answers is the one we started.
            if grep -q "HTTP Port: *$PORT\$" "$LOG_FILE"; then
                [ -n "$data" ] && default_no_replicas
                log "up after $(( $(date +%s) - deadline + TIMEOUT ))s (pid $pid)"
                echo "$URL"
                return 0
            fi
            log "the node did not bind $PORT; last lines of $LOG_FILE:"
            tail -n 40 "$LOG_FILE" >&2 || true
            cmd_stop_locked
            exit 1
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            log "not healthy after ${TIMEOUT}s; last lines of $LOG_FILE:"
            tail -n 40 "$LOG_FILE" >&2 || true
            cmd_stop_locked
            exit 1
        fi
        sleep 0.5
    done
}

# One node can never place a replica: new indices default to none, so they turn green.
# An index's (or template's) own number_of_replicas still wins. Only for a node we just started.
default_no_replicas() {
    curl -sf --max-time 10 -X PUT "$URL/_cluster/settings" -H 'Content-Type: application/json' \
        -d '{"persistent":{"cluster.default_number_of_replicas":0}}' >/dev/null \
        || log "warning: could not set cluster.default_number_of_replicas=0"
}

cmd_stop_locked() {
    local pid
    if pid="$(running_pid)"; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "pid $pid did not stop in 30s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
        fi
        log "stopped (pid $pid)"
    else
        log "not running on port $PORT"
    fi
    rm -f "$PID_FILE"
    remove_data
}

cmd_stop() {
    [ -d "$STATE" ] || { log "not running on port $PORT"; return 0; }
    exec 9>"$STATE/lock"
    if command -v flock >/dev/null; then flock 9; fi
    cmd_stop_locked
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        if healthy 1; then
            echo "up: $URL (pid $pid)"
            return 0
        fi
        echo "starting or unhealthy: pid $pid, $URL does not answer (log: $LOG_FILE)"
        return 2
    fi
    echo "down (port $PORT)"
    return 1
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) usage ;;
esac
