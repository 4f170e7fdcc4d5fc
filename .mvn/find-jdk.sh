# Finds a JDK >= 21 and exports JAVA_HOME (POSIX sh; sourced by mvnw, uforklab and .ci/run).
# Order: $JAVA_HOME if it is new enough, then the newest JDK in the usual install locations.
# Stops with a message naming what to install when there is none.

uforklab_jdk_major() { # prints the major version of the JDK at $1, or nothing
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

uforklab_find_jdk() {
  _need=21
  if [ -n "${JAVA_HOME-}" ]; then
    _v=$(uforklab_jdk_major "$JAVA_HOME")
    if [ -n "$_v" ] && [ "$_v" -ge "$_need" ]; then UFORKLAB_JDK_MAJOR=$_v; export JAVA_HOME UFORKLAB_JDK_MAJOR; return 0; fi
  fi
  _best=""; _bestv=0
  case $- in *f*) _noglob=1; set +f ;; *) _noglob="" ;; esac   # mvnw runs with globbing off
  _javac=$(command -v javac 2>/dev/null || true)
  [ -n "$_javac" ] && _javac=$(dirname "$(dirname "$(readlink -f "$_javac")")")
  for _d in $_javac /usr/lib/jvm/* /opt/java/* /opt/jdk* /opt/*/jdk* /usr/local/jdk* /usr/java/* \
            "${HOME:-/nonexistent}"/.sdkman/candidates/java/* "${HOME:-/nonexistent}"/.jdks/* \
            /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$_d" ] || continue
    _v=$(uforklab_jdk_major "$_d")
    [ -n "$_v" ] || continue
    if [ "$_v" -ge "$_need" ] && [ "$_v" -gt "$_bestv" ]; then _best=$_d; _bestv=$_v; fi
  done
  [ -z "$_noglob" ] || set -f
  if [ -z "$_best" ]; then
    echo "uforklab: no JDK >= $_need found (looked at JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks)." >&2
    echo "uforklab: install one (e.g. 'apt-get install openjdk-21-jdk-headless' or a Temurin 25 JDK) or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME=$_best
  UFORKLAB_JDK_MAJOR=$_bestv
  export JAVA_HOME UFORKLAB_JDK_MAJOR
}
