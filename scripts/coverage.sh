#!/usr/bin/env bash
# Line coverage per module of the last `swift test --enable-code-coverage` run (scripts/test.sh runs it), from
# llvm-cov over the test binary and the `baktainer` executable the integration tests start (both write profiles).
#
#   scripts/coverage.sh                      prints the table
#   scripts/coverage.sh MODULE=PERCENT…      also fails when a module's line coverage is below its floor
set -euo pipefail
cd "$(dirname "$0")/.."

llvm_cov="$(dirname "$(readlink -f "$(command -v swift)")")/llvm-cov"
[ -x "$llvm_cov" ] || llvm_cov=$(command -v llvm-cov) || { echo "FATAL: llvm-cov not found beside swift" >&2; exit 1; }
bin=$(swift build --show-bin-path)
profile="$(dirname "$(swift test --show-codecov-path)")/default.profdata"
[ -f "$profile" ] || { echo "FATAL: no coverage profile at $profile: run swift test --enable-code-coverage first" >&2; exit 1; }
objects=("$bin/baktainerPackageTests.xctest" -object "$bin/baktainer")

declare -A floor=()
for arg in "$@"; do floor[${arg%%=*}]=${arg#*=}; done

status=0
printf '%-18s %8s %7s   %s\n' module lines covered floor
for module in BaktainerCore DockerEngineAPI BaktainerHTTP BaktainerS3 BaktainerSFTP BaktainerNotify BaktainerSMTP baktainer; do
	# The TOTAL row of `llvm-cov report` restricted to the module's sources: its 8th and 9th columns are the
	# lines and the missed lines.
	read -r lines missed < <("$llvm_cov" report "${objects[@]}" -instr-profile "$profile" "Sources/$module" | awk '$1 == "TOTAL" { print $8, $9 }')
	[ "${lines:-0}" -gt 0 ] || { echo "FATAL: llvm-cov found no lines of Sources/$module" >&2; exit 1; }
	percent=$(awk -v l="$lines" -v m="$missed" 'BEGIN { printf "%.1f", 100 * (l - m) / l }')
	want=${floor[$module]:-}
	verdict=""
	if [ -n "$want" ]; then
		if awk -v p="$percent" -v f="$want" 'BEGIN { exit !(p < f) }'; then verdict="BELOW the floor of $want %"; status=1
		else verdict="floor $want %"; fi
	fi
	printf '%-18s %8s %6s%%   %s\n' "$module" "$lines" "$percent" "$verdict"
done
[ "$status" = 0 ] || echo "FAIL: line coverage fell below a floor (scripts/test.sh: COVERAGE_FLOORS)" >&2
exit "$status"
