# Sourced by the testbed scripts: who owns what the test bed starts, so that only leftovers of dead runs are
# removed and a run never touches another's containers or daemons.
#
# An owner is a process, named "<boot id, 8 chars>-<pid>-<start time in clock ticks>": the boot id and start
# time tell a live owner from a later process that got the same pid. Tests label their containers
# baktainer.test.owner=<owner> (the test process, see Tests/IntegrationTests/Support/TestBed.swift); extra
# daemons are registered under $TESTBED_STATE with their owner.

# Registry of daemons the test bed started (kept across reboots, so that their data is removed after one).
TESTBED_STATE=/var/lib/baktainer-testbed

# owner_of PID: the owner id of process PID; fails when it does not exist.
owner_of() {
	local pid=$1 stat
	stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
	stat=${stat##*) }  # the fields after "pid (comm) ": field 22 of stat, the start time, is the 20th here
	printf '%s-%s-%s\n' "$(cut -c1-8 /proc/sys/kernel/random/boot_id)" "$pid" "$(cut -d' ' -f20 <<<"$stat")"
}

# owner_alive OWNER: whether that process still runs.
owner_alive() {
	local owner=$1 pid
	pid=$(cut -d- -f2 <<<"$owner")
	[ -n "$pid" ] && [ "$(owner_of "$pid" 2>/dev/null)" = "$owner" ]
}

# caller_owner: the owner id of the process a script works for: BAKTAINER_TEST_OWNER_PID, else the script's parent.
# Fails for pid 1 (a caller that has already gone, or a detached start): nothing would ever remove it.
caller_owner() {
	local pid=${BAKTAINER_TEST_OWNER_PID:-$PPID}
	[ "$pid" != 1 ] || { echo "no owner process: the caller is init (pid 1); set BAKTAINER_TEST_OWNER_PID" >&2; return 1; }
	owner_of "$pid" || { echo "no owner process $pid" >&2; return 1; }
}

# apt_install PACKAGE…: installs Debian packages without starting their services (sshd on port 22, a system
# dockerd): policy-rc.d says no while installing, and goes again when this put it there.
apt_install() {
	local policy=/usr/sbin/policy-rc.d own_policy=0 status=0
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null || status=$?
	[ "$own_policy" = 0 ] || rm -f "$policy"
	return "$status"
}

# engine_answers: whether a Docker engine answers now (before the test bed starts one).
engine_answers() { timeout 10 docker version >/dev/null 2>&1; }

# stop_own_dockerd STARTED: stops the dockerd scripts/testbed.sh started when STARTED is "absent" (no engine answered
# before this run), unless test runs' containers are on it; a machine is left as it was found.
stop_own_dockerd() {
	local pid
	[ "$1" = absent ] && [ -f /run/baktainer-testbed-dockerd.pid ] || return 0
	pid=$(cat /run/baktainer-testbed-dockerd.pid)
	if [ -n "$(docker ps -q --filter label=baktainer.test.owner)" ]; then
		echo "left dockerd (pid $pid) running: test runs' containers are on it" >&2
		return 0
	fi
	echo "stopping the dockerd this run started (pid $pid)" >&2
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
	rm -f /run/baktainer-testbed-dockerd.pid
}
