#!/usr/bin/env bash
# Times the speed-anchor loop (shared/reference/speed-anchor-loop.c) in one run on
#  (1) uforklab's C64 interpreter (machine/src/test/resources/guest/speed-anchor.s, all checks and costs on), and
#  (2) the gcc -O2 -static A64 build under qemu-aarch64 (user mode),
# and prints both rates (M instructions/s) and their ratio: by wall-clock time and by CPU time (user+sys of
# qemu, the interpreter thread's CPU time of the JVM). On a machine shared with other work the wall-clock
# rates depend on what else runs; the CPU-time ones much less.
# Usage: scripts/speed-anchor.sh [ITERATIONS]   (default 20000000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-20000000}"
C_SRC="${SPEED_ANCHOR_C:-$ROOT/../../shared/reference/speed-anchor-loop.c}"
[ -f "$C_SRC" ] || C_SRC=/work/shared/reference/speed-anchor-loop.c
missing=()
command -v aarch64-linux-gnu-gcc >/dev/null || missing+=(gcc-aarch64-linux-gnu)
command -v qemu-aarch64 >/dev/null || missing+=(qemu-user)
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing tools; install them with: sudo apt-get install ${missing[*]}" >&2
  exit 2
fi
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
aarch64-linux-gnu-gcc -O2 -static -o "$TMP/loop" "$C_SRC"
# 11 A64 instructions per iteration (see speed-anchor.md)
QEMU_INSNS=$((N * 11))
TIMEFORMAT='%R %U %S'
{ time qemu-aarch64 "$TMP/loop" "$N" >/dev/null; } 2>"$TMP/qemu.time"
read -r QEMU_S QEMU_U QEMU_SYS <"$TMP/qemu.time"
QEMU_CPU=$(echo "$QEMU_U + $QEMU_SYS" | bc -l)
[ "$(echo "$QEMU_CPU < 0.001" | bc -l)" = 1 ] && QEMU_CPU=0.001
QEMU_RATE=$(echo "$QEMU_INSNS / $QEMU_S / 1000000" | bc -l)
QEMU_CPU_RATE=$(echo "$QEMU_INSNS / $QEMU_CPU / 1000000" | bc -l)

cd "$ROOT"
. "$ROOT/.mvn/find-jdk.sh"
uforklab_find_jdk || exit 1
./mvnw -q -o -pl machine test-compile >/dev/null
cp_file="$ROOT/machine/target/bench.classpath"
[ -f "$cp_file" ] || ./mvnw -q -o -pl machine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
read -r EMU_INSNS EMU_S EMU_RATE EMU_ACC EMU_CPU EMU_CPU_RATE < <("$JAVA_HOME/bin/java" -cp "$ROOT/machine/target/test-classes:$ROOT/machine/target/classes:$(cat "$cp_file")" \
  org.uforklab.machine.bench.SpeedAnchor "$N")

printf 'iterations           %d   (load average %s)\n' "$N" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'qemu-aarch64 (A64)   %d insns in %.3f s = %.1f M insns/s; CPU %.3f s = %.1f M insns/s\n' \
  "$QEMU_INSNS" "$QEMU_S" "$QEMU_RATE" "$QEMU_CPU" "$QEMU_CPU_RATE"
printf 'uforklab (C64)       %d insns in %.3f s = %.1f M insns/s; CPU %.3f s = %.1f M insns/s\n' \
  "$EMU_INSNS" "$EMU_S" "$EMU_RATE" "$EMU_CPU" "$EMU_CPU_RATE"
printf 'ratio qemu/uforklab  %.1fx (wall clock), %.1fx (CPU time)\n' "$(echo "$QEMU_RATE / $EMU_RATE" | bc -l)" \
  "$(echo "$QEMU_CPU_RATE / $EMU_CPU_RATE" | bc -l)"
