#!/usr/bin/env bash
# Prints the JVM options the city4d launcher starts City4D with, one a line: the collector, and the heap from this
# machine's memory.
# CITY4D_HEAP overrides the heap (a size java takes, such as 2g or 768m); JAVA_OPTS, which the launcher adds after
# these, overrides anything.
set -euo pipefail

mib_of() { echo $(( $1 / 1024 / 1024 )); }

# The memory this process may use: the machine's, or less when a cgroup (a container) limits it.
memory_bytes() {
  local total limit
  total=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) * 1024 ))
  for file in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    if [ -r "$file" ]; then
      limit=$(cat "$file")
      if [ "$limit" != max ] && [ "$limit" -lt "$total" ] 2>/dev/null; then total=$limit; fi
    fi
  done
  echo "$total"
}

# ZGC keeps pauses under a millisecond whatever the heap's size.
echo "-XX:+UseZGC"
if [ -n "${CITY4D_HEAP:-}" ]; then
  echo "-Xmx$CITY4D_HEAP"
else
  # A quarter of the memory, at least 512 MiB and at most 2 GiB: City4D's caches, queues and the request bodies it
  # holds are bounded (the store keeps the data on disk), so a larger heap would only let garbage pile up.
  heap=$(( $(memory_bytes) / 4 ))
  min=$(( 512 * 1024 * 1024 )); max=$(( 2048 * 1024 * 1024 ))
  [ "$heap" -lt "$min" ] && heap=$min
  [ "$heap" -gt "$max" ] && heap=$max
  echo "-Xmx$(mib_of "$heap")m"
fi
# Four virtual-thread carriers per processor rather than one: a virtual thread keeps its carrier while it computes, so
# with one carrier per processor a few long requests (a page of a thousand entities, a large batch) made every other
# request wait for them, /health among them (up to a second under a soak); with more carriers the kernel shares the
# processors among them and a short request runs at once.
echo "-Djdk.virtualThreadScheduler.parallelism=$(( 4 * $(nproc) ))"
