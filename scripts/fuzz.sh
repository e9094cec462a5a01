#!/usr/bin/env bash
# Fuzzes City4D's parsers with Jazzer for a bounded time: one target, or every one in turn.
#   scripts/fuzz.sh --target q --seconds 60
#   scripts/fuzz.sh --seconds 120          (every target, two minutes each)
#   scripts/fuzz.sh --list
# A finding is written as crash-<sha1> into the target's corpus under src/test/resources, where ./mvnw verify
# replays it from then on; the script lists what it found and exits 1. Logs go to fuzz-logs/. See docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# target: module, test class, test method
TARGETS="
q        core          io.city4d.core.query.QueryFuzzTest               q
geoq     core          io.city4d.core.query.GeoQueryFuzzTest            geoQ
geojson  core          io.city4d.core.model.GeoJsonFuzzTest             geoJson
times    core          io.city4d.core.model.TimesFuzzTest               dateTime
entity   core          io.city4d.core.model.EntityJsonFuzzTest          entity
payload  core          io.city4d.core.device.PayloadMapperFuzzTest      payload
projection api-ngsild io.city4d.api.ngsild.ProjectionFuzzTest        projection
topic    protocol-mqtt io.city4d.protocol.mqtt.DeviceTopicFuzzTest      topic
mqtt     protocol-mqtt io.city4d.protocol.mqtt.MqttPacketFuzzTest       packets
http     server        io.city4d.server.HttpFuzzTest                    request
"

usage() {
  echo "usage: scripts/fuzz.sh [--target NAME] [--seconds N] [--list]" >&2
  echo "  --target NAME  one of: $(echo "$TARGETS" | awk 'NF {printf "%s ", $1}')(default: all, one after another)" >&2
  echo "  --seconds N    how long to fuzz each target (default 60)" >&2
  exit 2
}

target=all
seconds=60
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="${2:?}"; shift 2 ;;
    --seconds) seconds="${2:?}"; shift 2 ;;
    --list) echo "$TARGETS" | awk 'NF {printf "%-8s %s#%s (%s)\n", $1, $3, $4, $2}'; exit 0 ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "--seconds takes a positive whole number, not $seconds" >&2; exit 2; }
if [ "$target" != all ] && ! echo "$TARGETS" | awk -v t="$target" '$1 == t {found = 1} END {exit !found}'; then
  echo "unknown target: $target" >&2
  usage
fi

. scripts/find-jdk.sh
# Jazzer's bug detectors scan classes with a library that calls sun.misc.Unsafe; from JDK 23 on, allow it without a warning.
fuzz_arg_line=""
if [ "$(java_major "$JAVA_HOME")" -ge 23 ]; then fuzz_arg_line="--sun-misc-unsafe-memory-access=allow"; fi

echo "Building City4D (tests skipped) with the JDK at $JAVA_HOME"
# clean: target/test-classes would still hold seeds that were moved or deleted in src/test/resources
./mvnw -q -B -ntp -DskipTests clean install

mkdir -p fuzz-logs
found=0
while read -r name module class method; do
  inputs="$module/src/test/resources/$(dirname "${class//.//}")/${class##*.}Inputs/$method"
  before=$(ls "$inputs" 2>/dev/null | grep '^crash-' || true)
  log="fuzz-logs/$name.log"
  echo "Fuzzing $name ($class#$method) for $seconds s; the corpus it grows is kept in $module/.cifuzz-corpus"
  # JAZZER_FUZZ turns the @FuzzTest from replaying its corpus into fuzzing; bug detectors on (see the root pom).
  if JAZZER_FUZZ=1 ./mvnw -B -ntp -pl "$module" surefire:test -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="${seconds}s" -Djazzer.hooks=true -Dfuzz.argLine="$fuzz_arg_line" > "$log" 2>&1; then
    echo "  no finding: $(grep -a 'DONE' "$log" | tail -1 | tr -s '\t ' ' ')"
  else
    found=1
    echo "  FINDING: $(grep -a -m1 -A1 'FuzzTestFinding' "$log" | tr -s '\n\t ' ' ' | cut -c1-300)"
    echo "  the whole log is $log"
    for crash in $(ls "$inputs" 2>/dev/null | grep '^crash-' || true); do
      echo "$before" | grep -qx "$crash" || echo "  input: $inputs/$crash; ./mvnw -pl $module verify -Dtest='${class##*.}' replays it"
    done
  fi
done < <(echo "$TARGETS" | awk -v t="$target" 'NF && (t == "all" || $1 == t)')
exit $found
