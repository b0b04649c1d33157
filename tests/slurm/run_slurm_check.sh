#!/usr/bin/env bash
# Brings up a real single-node Slurm from Debian's packages (munged, slurmctld and slurmd on this
# machine, each with its key, configuration, state and logs in a private temporary directory),
# runs a 4-shard `striked optimize` sweep through scripts/slurm/submit.sh (a job array, then the
# merge with afterok), and checks that the merged results.jsonl and best.toml equal one process's
# byte for byte. Installs the packages with apt-get when missing (needs root). Everything it
# started is stopped on exit. Exits 0 with "SKIP: why" only when Slurm cannot be brought up.
#   tests/slurm/run_slurm_check.sh STRIKED_BINARY
set -euo pipefail
[[ $# -eq 1 && -x $1 ]] || { echo "usage: $0 STRIKED_BINARY" >&2; exit 2; }
striked=$(realpath "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=$PATH:/usr/sbin:/sbin  # the daemons are in sbin, not always on a CI's PATH
started=$SECONDS

work=""
daemons=()  # pids of the daemons this script started, in start order
submitted=()  # Slurm jobs it submitted
cleanup() {
  local rc=$? pid i n
  # Cancel first: a job's slurmstepd would outlive slurmd.
  if ((${#submitted[@]})); then
    scancel "${submitted[@]}" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
      [[ -z $(squeue -h 2>/dev/null) ]] && break
      sleep 0.25
    done
  fi
  for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do  # slurmd, slurmctld, then munged
    pid=${daemons[i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for ((n = 0; n < 40; n++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [[ -n $work ]] && rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM  # so that cleanup runs on these too

logs() {
  local f
  for f in "$work"/log/* "$work"/jobs/*.out; do
    [[ -f $f ]] || continue
    echo "--- $f (last lines)"
    tail -n 25 "$f"
  done
}
skip() { echo "SKIP: $*"; logs; exit 0; }
fail() { echo "FAIL: $*" >&2; logs >&2; exit 1; }

# munged refuses a socket in a directory that not everyone can enter, and /tmp is known to be
# enterable, whatever TMPDIR says.
work=$(mktemp -d /tmp/striked-slurm.XXXXXX)
chmod 755 "$work"
mkdir -p "$work"/{etc,log,munge,state,spool,jobs}

# --- packages ---------------------------------------------------------------------------------
have_all() {
  local c
  for c in munged munge unmunge slurmctld slurmd sbatch squeue sinfo scontrol scancel; do
    command -v "$c" >/dev/null || return 1
  done
}
[[ $EUID -eq 0 ]] || skip "not root: slurmd must run as root to start jobs"
if ! have_all; then
  echo "== installing munge and Slurm"
  apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      munge slurmctld slurmd slurm-client >"$work/log/apt.log" 2>&1
  }
  # A fresh machine may have no package lists yet: update only when the install needs it.
  apt_install || { apt-get update >>"$work/log/apt.log" 2>&1 && apt_install; } ||
    skip "apt-get could not install munge and Slurm (its log below)"
  have_all || skip "munge and Slurm installed but a command is still missing"
fi

# --- a private munged, slurmctld and slurmd ---------------------------------------------------
chmod 755 "$work/munge"
socket=$work/munge/munge.socket
if command -v mungekey >/dev/null; then
  mungekey --create --keyfile="$work/munge/munge.key"
else
  dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
fi
chmod 600 "$work/munge/munge.key"

munged -F --socket="$socket" --key-file="$work/munge/munge.key" --pid-file="$work/munge/pid" \
  --seed-file="$work/munge/seed" --log-file="$work/log/munged.log" >>"$work/log/munged.out" 2>&1 &
daemons+=($!)
for ((i = 0; i < 40; i++)); do
  munge -n --socket="$socket" 2>/dev/null | unmunge --socket="$socket" >/dev/null 2>&1 && break
  kill -0 "${daemons[0]}" 2>/dev/null || skip "munged exited"
  sleep 0.25
done
((i < 40)) || skip "munged does not answer on $socket"

# Ports not in use on loopback, so a Slurm already on this machine is left alone.
port_free() { ! (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for ((p = $1; p < $1 + 100; p++)); do port_free "$p" && { echo "$p"; return; }; done
  return 1
}
ctld_port=$(free_port 26817) || skip "no free port for slurmctld"
slurmd_port=$(free_port $((ctld_port + 1))) || skip "no free port for slurmd"

host=$(hostname -s)
export SLURM_CONF=$work/etc/slurm.conf  # every Slurm command and job reads this, not /etc/slurm
cat >"$SLURM_CONF" <<EOF
ClusterName=strikedcheck
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
# The private munged, not the system's (which may not be running, or may have another key).
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
# No cgroups: containers often lack them. Processes are tracked through /proc.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
# Finished jobs stay visible to scontrol while the check polls; a job whose dependency can no
# longer be met (a shard failed) is cancelled instead of waiting forever.
MinJobAge=600
DependencyParameters=kill_invalid_depend
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -D >>"$work/log/slurmctld.out" 2>&1 &
daemons+=($!)
slurmd -D >>"$work/log/slurmd.out" 2>&1 &
daemons+=($!)
state=""
for ((i = 0; i < 120; i++)); do  # at most 30 s
  state=$(sinfo -h -n "$host" -o %t 2>/dev/null || true)
  [[ $state == idle ]] && break
  kill -0 "${daemons[1]}" 2>/dev/null || skip "slurmctld exited"
  kill -0 "${daemons[2]}" 2>/dev/null || skip "slurmd exited"
  sleep 0.25
done
[[ $state == idle ]] || skip "the node $host did not become idle in 30 s (state: ${state:-none})"
echo "== Slurm up in $((SECONDS - started)) s: node $host idle, slurmctld on port $ctld_port"

# --- the sweep, in one process and through Slurm ----------------------------------------------
cat >"$work/sweep.toml" <<'EOF'
objective = "sharpe"
[parameters]
"exits.stop_loss_pct" = [15.0, 20.0, 25.0, 30.0]
"exits.trail_pct" = [1.0, 2.0]
EOF
common=(--config "$repo/config.toml" --sweep "$work/sweep.toml" --from 2026-01-05 --to 2026-01-09
  --synthetic 7)
echo "== one process"
"$striked" optimize "${common[@]}" --out "$work/single" -j "$(nproc)" --quiet ||
  fail "the single-process optimize failed"

echo "== 4 shards as a job array, then the merge"
cd "$work/jobs"  # the jobs' logs land here
export STRIKED=$striked CONFIG=$repo/config.toml SWEEP=$work/sweep.toml FROM=2026-01-05 \
  TO=2026-01-09 SYNTHETIC=7 OUT=$work/shards JOBS=1
"$repo/scripts/slurm/submit.sh" 4 --cpus-per-task=1 | tee submitted.txt
array=$(awk '/^array job:/ {print $3}' submitted.txt)
merge=$(awk '/^merge job:/ {print $3}' submitted.txt)
[[ $array =~ ^[0-9]+$ && $merge =~ ^[0-9]+$ ]] || fail "submit.sh printed no job ids"
submitted=("$array" "$merge")

job_state() { scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sed 's/JobState=//'; }
wait_job() {  # JOB SECONDS: until it has ended; prints its state
  local st deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    st=$(job_state "$1" | sort -u | tr '\n' ' ')
    if scontrol show job "$1" 2>/dev/null | grep -q 'Reason=DependencyNeverSatisfied'; then
      echo "never started: its dependency failed"; return
    fi
    case $st in
      *PENDING* | *RUNNING* | *CONFIGURING* | *COMPLETING* | "") sleep 1 ;;
      *) echo "${st% }"; return ;;
    esac
  done
  echo "TIMEOUT"
}
queued=$SECONDS
st=$(wait_job "$merge" 300)
echo "== the array and the merge done in $((SECONDS - queued)) s"
[[ $st == COMPLETED ]] || fail "the merge job $merge ended $st; the array's tasks: $(job_state "$array" | tr '\n' ' ')"
tasks=$(job_state "$array" | grep -c '^COMPLETED$' || true)
[[ $tasks == 4 ]] || fail "$tasks of the array's 4 tasks completed"

for f in results.jsonl best.toml; do
  cmp "$work/single/$f" "$work/shards/merged/$f" || fail "merged $f differs from one process's"
done
trials=$(wc -l <"$work/single/results.jsonl")
[[ $trials == 8 ]] || fail "results.jsonl has $trials lines, not the sweep's 8"
grep -q '"finished":true' "$work/shards/merged/summary.json" || fail "the merged summary.json is not finished"

# Re-submitting shards that finished must be harmless: each exits 0 and changes nothing.
shard_files() { find "$OUT" -maxdepth 1 -type f -exec sha256sum {} + | sort; }
before=$(shard_files)
rerun=$(SHARDS=4 sbatch --parsable --export=ALL --array=0-3 "$repo/scripts/slurm/optimize.sbatch")
rerun=${rerun%%;*}
submitted+=("$rerun")
st=$(wait_job "$rerun" 120)
[[ $st == COMPLETED ]] || fail "re-running the finished shards ended $st"
[[ $(shard_files) == "$before" ]] || fail "re-running the finished shards changed their files"

echo "slurm check: PASS ($trials trials in 4 shards merged byte for byte equal to one process, $((SECONDS - started)) s)"
