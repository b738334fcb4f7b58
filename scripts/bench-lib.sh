# Shared by the bench-*.sh scripts (sourced): reading `/usr/bin/time -v` output and summarising rounds.
seconds_of() { awk '/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
cpu_of() { awk '/User time|System time/ { s += $NF } END { printf "%.2f", s }' "$1"; }
rss_of() { awk '/Maximum resident set size/ { printf "%.1f", $NF / 1024 }' "$1"; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / s / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
maximum() { printf '%s\n' "$@" | sort -g | tail -1; }
