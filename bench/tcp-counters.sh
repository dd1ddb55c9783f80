#!/usr/bin/env bash
# Prints the kernel's TCP counters that show lost packets and the timeouts they cost, one "name value" per line,
# read from /proc/net/snmp and /proc/net/netstat (the network namespace's totals since boot; every connection counts,
# client and server alike). bench/run.sh --herd takes them before and after each storm and keeps the difference.
#
#   bench/tcp-counters.sh                   # RetransSegs, TCPTimeouts, TCPRcvQDrop, TCPMemoryPressures, ...
#
# RetransSegs: segments sent again. TCPTimeouts: retransmission timeouts, each one a wait that doubles (200 ms,
# 400 ms, ...) while nothing moves on that connection. TCPRcvQDrop: segments a receiver dropped because TCP memory
# was short (the machine-wide limit net.ipv4.tcp_mem, or the socket's own buffer). TCPMemoryPressures: times the
# machine entered TCP memory pressure. PruneCalled / RcvPruned: receive queues squeezed under that pressure.
set -euo pipefail
awk '
  # Each table is a header line of names followed by a line of values with the same prefix (e.g. "Tcp:", "TcpExt:").
  FNR == 1 || !(($1) in names) { names[$1] = $0; next }
  {
    n = split(names[$1], header)
    for (i = 2; i <= n; i++) value[header[i]] = $i
    delete names[$1]
  }
  END {
    split("RetransSegs TCPTimeouts TCPRcvQDrop TCPMemoryPressures PruneCalled RcvPruned TCPOFODrop ListenOverflows", wanted)
    for (i = 1; i in wanted; i++) print wanted[i], (wanted[i] in value ? value[wanted[i]] : 0)
  }
' /proc/net/snmp /proc/net/netstat
