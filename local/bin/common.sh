# Sourced by the scripts in local/bin (runtime, with-runtime, install-moto, demo, replay).
# Installs what the local runtime needs, idempotently, and launches it.

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(dirname "$LOCAL_DIR")"
CACHE_DIR="${MESHCANARY_CACHE:-$HOME/.cache/meshcanary}"

# shellcheck source=java-env.sh
source "$LOCAL_DIR/bin/java-env.sh" || exit 1

say() {
    echo "meshcanary-local: $*" >&2
}

# A venv with the pinned moto. The stamp holds the hash of requirements.txt, so changing the pin rebuilds
# it; the lock keeps two runtimes started at once from installing into the same folder.
ensure_moto_venv() {
    local venv="$CACHE_DIR/moto-venv" wanted
    wanted="$(sha256sum "$LOCAL_DIR/requirements.txt" | cut -d' ' -f1)"
    mkdir -p "$CACHE_DIR"
    (
        flock 9
        if [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$wanted" ]; then
            say "installing $(grep -v '^#' "$LOCAL_DIR/requirements.txt" | xargs) into $venv"
            rm -rf "$venv"
            python3 -m venv "$venv" &&
                "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$LOCAL_DIR/requirements.txt" &&
                echo "$wanted" >"$venv/.requirements.sha256"
        fi
    ) 9>"$CACHE_DIR/moto-venv.lock" || { say "could not install moto into $venv"; exit 125; }
    MOTO_PYTHON="$venv/bin/python"
}

# Builds the runtime and every function it hosts when a pom or main source changed since the last build.
ensure_build() {
    local stamp="$LOCAL_DIR/target/.runtime-built"
    [ -n "${MESHCANARY_SKIP_BUILD:-}" ] && [ -f "$stamp" ] && return 0
    mkdir -p "$CACHE_DIR"
    (
        flock 9
        if [ ! -f "$stamp" ] || [ -n "$(find "$REPO_DIR" \( -name target -o -name .git \) -prune -o \
            \( -path '*/src/main/*' -o -name pom.xml \) -newer "$stamp" -print -quit)" ]; then
            say "building the project (mvn -DskipTests package -pl local -am)"
            (cd "$REPO_DIR" && mvn --quiet -DskipTests package -pl local -am) && touch "$stamp"
        fi
    ) 9>"$CACHE_DIR/build.lock" || { say "build failed"; exit 125; }
}

# The runtime runs from a private copy of the jars built in this work tree: a `mvn package` run by the
# command under test rewrites them in place, which would break class loading in the running JVMs.
runtime_classpath() {
    local lib="$1/lib" entry classpath=""
    rm -rf "$lib" && mkdir -p "$lib"
    cp -r "$LOCAL_DIR/target/classes" "$lib/local-classes"
    classpath="$lib/local-classes"
    while IFS= read -r -d ':' entry; do
        [ -n "$entry" ] || continue
        if [[ "$entry" == "$REPO_DIR"/* ]]; then
            cp "$entry" "$lib/" && entry="$lib/$(basename "$entry")"
        fi
        classpath="$classpath:$entry"
    done < <(tr -d '\n' <"$LOCAL_DIR/target/runtime-classpath.txt"; echo -n ':')
    echo "$classpath"
}

# Sets TOOL_JAVA to the java command line of the local module's own tools (the demo, replay), which run beside the
# runtime's JVMs: small, short-lived clients, so the serial collector, the C1 compiler only and a small heap.
tool_java() {
    TOOL_JAVA=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx128m
        -cp "$LOCAL_DIR/target/classes:$(tr -d '\n' <"$LOCAL_DIR/target/runtime-classpath.txt")")
}

# Runs io.meshcanary.local.LocalRuntime in place of this shell. Arguments are passed on: --param Name=Value
# options, then for with-runtime the command. The state folder is a new temporary one, removed on exit, unless
# MESHCANARY_STATE_DIR names one to keep (for its logs after a failed run).
exec_runtime() {
    local state_dir classpath keep_state=()
    ensure_moto_venv
    ensure_build
    if [ -n "${MESHCANARY_STATE_DIR:-}" ]; then
        state_dir="$(mkdir -p "$MESHCANARY_STATE_DIR" && cd "$MESHCANARY_STATE_DIR" && pwd)"
        keep_state=(--keep-state)
    else
        state_dir="$(mktemp -d "${TMPDIR:-/tmp}/meshcanary-runtime.XXXXXX")"
    fi
    classpath="$(runtime_classpath "$state_dir")"
    exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
        -cp "$classpath" io.meshcanary.local.LocalRuntime \
        --template "$REPO_DIR/template.yaml" \
        --properties "$LOCAL_DIR/runtime.properties" \
        --moto-python "$MOTO_PYTHON" \
        --state-dir "$state_dir" "${keep_state[@]}" \
        "$@"
}
