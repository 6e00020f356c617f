# Sourced by the project's scripts: selects a JDK 21 or newer for Maven and the local runtime.
# The machine's default java may be older (17), so JAVA_HOME is set explicitly.

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

select_jdk() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
        if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    echo "meshcanary: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*); install one, e.g. temurin-21-jdk" >&2
    return 1
}

select_jdk
