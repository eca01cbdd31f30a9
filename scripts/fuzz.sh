#!/usr/bin/env bash
# Coverage-guided fuzzing of dossier with AFL++ on stable Rust.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 60; TARGETs are loader, analysis and config
# (all three by default). The targets are built with `cargo afl build` and
# run by Debian's afl-fuzz (package afl++), one after the other unless
# DOSSIER_FUZZ_JOBS says otherwise, each from a seed corpus of small files:
# the articles of content/, a sample of ../shared/bbc when it is there,
# tests/hostile/, config.toml and tests/configs/, and the saved crash
# inputs of tests/fuzz-regressions/. Everything lands in target/fuzz/.
#
# Needs afl-fuzz (apt-get install afl++; the script says so and stops if it
# is missing) and cargo-afl (installed with `cargo install` if missing).
# Prints executions, time, crashes and hangs per target; exits 1 if any
# target crashed (listing the crash files), 2 if it could not fuzz at all.
#
# Environment:
#   DOSSIER_FUZZ_JOBS       targets fuzzed at once (default 1; CI, alone on
#                           its machine, gives one per core)
#   DOSSIER_FUZZ_BUILD_DIR  the cargo target folder of the instrumented build
#                           (default target/fuzz/build; CI keeps it outside
#                           the clone, so a second run rebuilds only what
#                           changed)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

all_targets=(loader analysis config)
cargo_afl_version=0.18.2

die() {
  printf 'fuzz.sh: %s\n' "$*" >&2
  exit 2
}

secs=${1:-60}
[[ $secs =~ ^[1-9][0-9]*$ ]] || die "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [${all_targets[*]}]"
shift $(($# > 0 ? 1 : 0))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || die "no target '$t' (targets: ${all_targets[*]})"
done

out=$root/target/fuzz
build=${DOSSIER_FUZZ_BUILD_DIR:-$out/build}
[[ $build == /* ]] || build=$root/$build

# --- tools ---------------------------------------------------------------
missing=()
afl_fuzz=$(command -v afl-fuzz || true)
if [ -z "$afl_fuzz" ]; then
  missing+=("afl-fuzz: install Debian's AFL++ with 'apt-get install -y afl++' (as root)")
else
  # the runtime that goes with this afl-fuzz (/usr/bin -> /usr/lib/afl)
  afl_rt=$(dirname "$(readlink -f "$afl_fuzz")")/../lib/afl/afl-compiler-rt.o
  [ -f "$afl_rt" ] || missing+=("AFL++'s runtime $afl_rt, which comes with afl-fuzz (reinstall afl++)")
fi
command -v cargo >/dev/null || missing+=("cargo (a stable Rust toolchain)")
command -v cc >/dev/null || missing+=("a C compiler for cargo-afl's build (apt-get install -y build-essential)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'fuzz.sh: missing:\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 2
fi
if ! cargo afl --version >/dev/null 2>&1; then
  echo "== fuzz: cargo-afl is missing; installing cargo-afl $cargo_afl_version from crates.io"
  cargo install --locked cargo-afl --version "$cargo_afl_version" ||
    die "could not install cargo-afl (cargo install --locked cargo-afl --version $cargo_afl_version)"
fi
echo "== fuzz: $(cargo afl --version | head -n 1); $("$afl_fuzz" -h 2>&1 | grep -o 'afl-fuzz++[0-9a-z.]*' | head -n 1) at $afl_fuzz"

# --- build ---------------------------------------------------------------
# `cargo afl build` links the runtime it finds in its data folder. Give it
# the runtime of Debian's AFL++, so that the binaries speak the fork-server
# protocol of the afl-fuzz that runs them (cargo-afl's own AFL++ build is a
# newer version, which Debian's afl-fuzz cannot drive).
rustc_release=$(rustc -vV | sed -n 's/^release: //p')
rustc_hash=$(rustc -vV | sed -n 's/^commit-hash: //p' | cut -c1-7)
[ "$rustc_hash" != unknown ] || rustc_hash=
cargo_afl=$(cargo afl --version | awk 'NR == 1 { print $2 }')
afl_data=$build/afl-data
rt_dir=$afl_data/afl.rs/rustc-$rustc_release${rustc_hash:+-$rustc_hash}/afl.rs-$cargo_afl/afl-llvm
mkdir -p "$rt_dir"
ln -sfn "$afl_rt" "$rt_dir/afl-compiler-rt.o"

# The fuzz workspace uses the main crate's locked versions: its lock file
# starts as a copy of Cargo.lock, to which cargo adds afl.
cp Cargo.lock fuzz/Cargo.lock
host=$(rustc -vV | sed -n 's/^host: //p')
bins=()
for t in "${targets[@]}"; do bins+=(--bin "$t"); done
echo "== fuzz: building ${targets[*]} with cargo afl build (into $build)"
started=$(date +%s)
# An explicit --target keeps build scripts and proc macros uninstrumented.
if ! (cd fuzz && XDG_DATA_HOME=$afl_data cargo afl build --release --target "$host" \
  --target-dir "$build" "${bins[@]}"); then
  die "cargo afl build failed (if it says the AFL LLVM runtime was not built, cargo-afl $cargo_afl looks for it elsewhere than $rt_dir)"
fi
echo "== fuzz: built in $(($(date +%s) - started)) s"
bin_dir=$build/$host/release

# --- seeds ---------------------------------------------------------------
# Small files (AFL++ wants seeds under ~10 KB), named by where they came from.
seeds=$out/seeds
rm -rf "$seeds"
add_seeds() { # add_seeds TARGET FILE...
  local t=$1 f name
  shift
  mkdir -p "$seeds/$t"
  for f in "$@"; do
    [ -f "$f" ] && [ "$(wc -c <"$f")" -le 10240 ] || continue
    name=${f#../}
    cp "$f" "$seeds/$t/${name//\//_}"
  done
}
bbc=()
if [ -d ../shared/bbc ]; then
  # four stories from each of the five sections: 20 files of about 2 KB
  for section in ../shared/bbc/*/; do
    mapfile -t -O ${#bbc[@]} bbc < <(find "$section" -maxdepth 1 -type f -name '*.txt' | sort | head -n 4)
  done
fi
for t in "${targets[@]}"; do
  case $t in
    loader)
      add_seeds loader content/*
      add_seeds loader "${bbc[@]}"
      mapfile -t hostile < <(find tests/hostile -type f | sort)
      add_seeds loader "${hostile[@]}"
      ;;
    analysis)
      add_seeds analysis content/*
      add_seeds analysis "${bbc[@]}"
      # articles that link need two in one input: pairs of stories of one
      # section, split at a form feed
      for ((i = 0; i + 1 < ${#bbc[@]}; i += 2)); do
        { cat "${bbc[i]}"; printf '\f'; cat "${bbc[i + 1]}"; } | head -c 10240 >"$seeds/analysis/bbc-pair-$i.txt"
      done
      ;;
    config)
      add_seeds config config.toml
      add_seeds config tests/configs/valid/* tests/configs/invalid/*
      ;;
  esac
  add_seeds "$t" tests/fuzz-regressions/"$t"/*
  [ -n "$(ls -A "$seeds/$t")" ] || die "no seeds for $t"
done

# --- fuzz ----------------------------------------------------------------
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
unset AFL_AUTORESUME
fuzz_one() { # fuzz_one TARGET: a fresh campaign in target/fuzz/TARGET
  local t=$1 dir=$out/$1 limit
  rm -rf "$dir" "$dir.log" "$dir.status"
  # A run over the time limit is a hang; '+' skips seeds over it rather than
  # stopping (the analysis of two long articles takes a few hundred ms, and
  # a shared machine can make that seconds).
  case $t in
    analysis) limit=5000+ ;;
    *) limit=1000+ ;;
  esac
  # -V stops after the time; the hard limit covers start-up and calibration
  local status=0
  timeout --kill-after=30 $((secs + 300)) "$afl_fuzz" -V "$secs" -t "$limit" \
    -i "$seeds/$t" -o "$dir" -- "$bin_dir/$t" >"$dir.log" 2>&1 || status=$?
  echo "$status" >"$dir.status"
}
jobs=${DOSSIER_FUZZ_JOBS:-1}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "DOSSIER_FUZZ_JOBS must be a number of targets to run at once"
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  echo "== fuzz: $t for $secs s ($(find "$seeds/$t" -type f | wc -l) seeds; log in target/fuzz/$t.log)"
  fuzz_one "$t" &
  running=$((running + 1))
done
wait

stat_of() { sed -n "s/^$1 *: //p" "$2"; }
report=()
crashes=()
failed=()
for t in "${targets[@]}"; do
  stats=$out/$t/default/fuzzer_stats
  status=$(cat "$out/$t.status" 2>/dev/null || echo none)
  if [ "$status" != 0 ]; then
    # not a crash of the target: afl-fuzz itself stopped (exit $status)
    echo "afl-fuzz stopped on $t (exit $status); the end of target/fuzz/$t.log:" >&2
    tail -n 6 "$out/$t.log" | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' >&2
    failed+=("$t")
  fi
  [ -f "$stats" ] || continue
  report+=("$(printf '%-9s %12s %7s %9s %7s %10s %8s %6s' "$t" \
    "$(stat_of execs_done "$stats")" "$(stat_of run_time "$stats")" \
    "$(stat_of execs_per_sec "$stats" | cut -d. -f1)" "$(stat_of corpus_count "$stats")" \
    "$(stat_of stability "$stats")" "$(stat_of saved_crashes "$stats")" "$(stat_of saved_hangs "$stats")")")
  for f in "$out/$t"/default/crashes/id*; do
    if [ -e "$f" ]; then crashes+=("${f#"$root"/}"); fi
  done
done

echo
printf '%-9s %12s %7s %9s %7s %10s %8s %6s\n' target executions time_s execs/s corpus stability crashes hangs
if [ ${#report[@]} -gt 0 ]; then printf '%s\n' "${report[@]}"; fi
if [ ${#crashes[@]} -gt 0 ]; then
  echo
  echo "CRASHES: copy each into tests/fuzz-regressions/<target>/ under a name that says"
  echo "what it is, and replay with 'cargo test --test fuzz_regressions' (docs/fuzzing.md):"
  printf '  %s\n' "${crashes[@]}"
  exit 1
fi
[ ${#failed[@]} -eq 0 ] || die "afl-fuzz did not run its time on: ${failed[*]}"
echo "no crashes"
