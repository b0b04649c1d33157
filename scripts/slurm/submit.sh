#!/usr/bin/env bash
# Submits a `striked optimize` sweep to Slurm in N shards: a job array of N tasks
# (optimize.sbatch, one shard each) and a merge job (merge.sbatch) that runs only once every
# task has succeeded. Prints both job ids.
#   scripts/slurm/submit.sh N [SBATCH_OPTION...]
# with STRIKED CONFIG SWEEP FROM TO OUT and SYNTHETIC or DATA exported (JOBS, OPTIMIZE_ARGS
# optional; see optimize.sbatch), every path as the compute nodes see it. The options go to both
# sbatch calls, e.g. --partition=batch --cpus-per-task=8 --time=2:00:00. Logs are written to
# striked-optimize-ARRAY_TASK.out and striked-merge-JOB.out in the current directory.
# Re-submitting the same sweep into the same OUT is safe: shards that finished do nothing.
set -euo pipefail

usage() { sed -n '2,10s/^# \{0,1\}//p' "$0" >&2; exit 2; }
[[ $# -ge 1 && $1 =~ ^[1-9][0-9]*$ ]] || usage
shards=$1
shift
here=$(dirname "$0")
# Checked here as well as in the jobs, so a mistake fails now rather than in N queued tasks.
for v in STRIKED CONFIG SWEEP FROM TO OUT; do
  [[ -n ${!v:-} ]] || { echo "submit.sh: $v is not set" >&2; usage; }
done
[[ -n ${SYNTHETIC:-} || -n ${DATA:-} ]] || { echo "submit.sh: set SYNTHETIC or DATA" >&2; usage; }
mkdir -p "$OUT"
export STRIKED CONFIG SWEEP FROM TO OUT SHARDS=$shards

# --export=ALL: the jobs read their parameters from this environment, whatever the site's default.
array=$(sbatch --parsable --export=ALL --array="0-$((shards - 1))" "$@" "$here/optimize.sbatch")
array=${array%%;*}  # --parsable prints "id;cluster" on a multi-cluster site
merge=$(sbatch --parsable --export=ALL --dependency="afterok:$array" "$@" "$here/merge.sbatch")
merge=${merge%%;*}
echo "array job: $array ($shards shards into $OUT)"
echo "merge job: $merge (into $OUT/merged once every shard has succeeded)"
