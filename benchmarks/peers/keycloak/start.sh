#!/usr/bin/env bash
# Keycloak 26.7.3 as a benchmark peer.
#
#   start.sh <port> <rp-base-url> <work-dir> [<rp-count>=10] [<user-count>=100]
#
# Ensures the Keycloak distribution is unpacked under <work-dir> (fetching it from Maven Central when missing),
# runs `kc.sh build` when the build-time options changed (first run, or dev-file <-> postgres), renders the realm
# `bench` into a fresh data directory and then execs `kc.sh start --optimized --import-realm` in the foreground on
# http://127.0.0.1:<port> (with KC_DB_URL set: PostgreSQL, `kc.sh import --override=true` first, then `kc.sh start`).
# See README.md for the ready signal, the ports and the environment variables.
set -euo pipefail

KC_VERSION=26.7.3
MAVEN_URL="https://repo.maven.apache.org/maven2/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip"

# Until the final exec, long steps (kc.sh build, kc.sh import) run as children: SIGTERM/SIGINT to this script stops them.
child=""
on_signal() {
  if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi
  exit 143
}
trap on_signal TERM INT
run() { # run <command...> : in the background, waited for, so that on_signal can stop it
  local rc=0
  "$@" &
  child=$!
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

usage() { echo "usage: $0 <port> <rp-base-url> <work-dir> [<rp-count>=10] [<user-count>=100]" >&2; exit 2; }
log() { echo "[keycloak-peer] $*" >&2; }

[ $# -ge 3 ] && [ $# -le 5 ] || usage
port=$1
rp_base=${2%/}
work_dir=$3
rp_count=${4:-10}
user_count=${5:-100}
for n in "$port" "$rp_count" "$user_count"; do
  [[ $n =~ ^[0-9]+$ ]] || usage
done
mgmt_port=${KC_HTTP_MANAGEMENT_PORT:-$((port + 1))}

here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work_dir"
work_dir=$(cd "$work_dir" && pwd)
kc_home="$work_dir/keycloak-$KC_VERSION"

# --- Java --------------------------------------------------------------------------------------------------------
# Keycloak 26.7 supports OpenJDK 17, 21 and 25 (LTS; 17 is deprecated since Keycloak 25) and suggests the latest one.
# Preference: $KC_JAVA_HOME, else the newest of 25, 21, 17 found under /usr/lib/jvm or in $JAVA_HOME.
java_major() { # <java-home> -> major version from its `release` file, or nothing
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n1)
  echo "${v:-}"
}
pick_java_home() {
  if [ -n "${KC_JAVA_HOME:-}" ]; then echo "$KC_JAVA_HOME"; return; fi
  local want d
  for want in 25 21 17; do
    for d in /usr/lib/jvm/*/ ${JAVA_HOME:+"$JAVA_HOME/"}; do
      d=${d%/}
      if [ -x "$d/bin/java" ] && [ "$(java_major "$d")" = "$want" ]; then echo "$d"; return; fi
    done
  done
  echo "no JDK 25, 21 or 17 under /usr/lib/jvm or \$JAVA_HOME (set KC_JAVA_HOME)" >&2
  return 1
}
JAVA_HOME=$(pick_java_home)
export JAVA_HOME
unset JAVA # kc.sh would prefer $JAVA over $JAVA_HOME
java_version=$(java_major "$JAVA_HOME")
log "JAVA_HOME=$JAVA_HOME (Java $java_version)"
if [ "${java_version:-0}" -ge 24 ]; then
  # Netty still calls sun.misc.Unsafe::allocateMemory; JDK 24+ prints a 4-line warning for it unless allowed.
  export JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:+$JAVA_OPTS_APPEND }--sun-misc-unsafe-memory-access=allow"
fi

# --- distribution ------------------------------------------------------------------------------------------------
if [ ! -x "$kc_home/bin/kc.sh" ]; then
  zip="$work_dir/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [ ! -s "$zip" ]; then
    log "fetching $MAVEN_URL"
    if curl -fsSL --retry 3 -o "$zip.part" "$MAVEN_URL" \
        && want_sha1=$(curl -fsSL --retry 3 "$MAVEN_URL.sha1" | cut -c1-40) \
        && [ "$(sha1sum "$zip.part" | cut -c1-40)" = "$want_sha1" ]; then
      mv "$zip.part" "$zip"
    else
      rm -f "$zip.part"
      log "curl failed; trying mvn dependency:copy"
      mvn -q dependency:copy "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
        "-DoutputDirectory=$work_dir" >&2
    fi
  fi
  log "unpacking $zip"
  rm -rf "$work_dir/.unpack" "$kc_home"
  mkdir -p "$work_dir/.unpack"
  unzip -q "$zip" -d "$work_dir/.unpack"
  mv "$work_dir/.unpack/keycloak-$KC_VERSION" "$kc_home"
  rm -rf "$work_dir/.unpack"
fi

# --- build-time options (kc.sh build) ------------------------------------------------------------------------------
# The database: Keycloak's embedded H2 (`dev-file`, under <kc-home>/data/h2) unless KC_DB_URL names a PostgreSQL
# database; then KC_DB_URL, KC_DB_USERNAME and KC_DB_PASSWORD are read by Keycloak itself from the environment.
if [ -n "${KC_DB_URL:-}" ]; then
  db=postgres
else
  db=dev-file
  unset KC_DB_USERNAME KC_DB_PASSWORD
fi
build_opts=(
  "--db=$db"
  --health-enabled=true
  --metrics-enabled=false
)
stamp="$kc_home/.bench-build"
if [ "$(cat "$stamp" 2>/dev/null)" != "${build_opts[*]}" ]; then
  log "kc.sh build ${build_opts[*]}"
  t0=$(date +%s%N)
  rm -f "$stamp"
  run "$kc_home/bin/kc.sh" build "${build_opts[@]}" >&2
  echo "${build_opts[*]}" > "$stamp"
  log "build took $(( ($(date +%s%N) - t0) / 1000000 )) ms"
fi

# --- fresh data dir and realm import -------------------------------------------------------------------------------
rm -rf "$kc_home/data"
mkdir -p "$kc_home/data/import"
realm_file="$kc_home/data/import/bench-realm.json"
tmpl_dir="$here/realm-template"
shopt -u patsub_replacement 2>/dev/null || true # bash 5.2: keep '&' in replacements literal
client_tmpl=$(<"$tmpl_dir/client.json.tmpl")
user_tmpl=$(<"$tmpl_dir/user.json.tmpl")
clients="" users=""
for ((i = 1; i <= rp_count; i++)); do
  c=${client_tmpl//\{\{I\}\}/$i}
  clients+=${c//\{\{RP_BASE\}\}/$rp_base}
  if [ "$i" -lt "$rp_count" ]; then clients+=$',\n'; fi
done
for ((i = 1; i <= user_count; i++)); do
  users+=${user_tmpl//\{\{I\}\}/$i}
  if [ "$i" -lt "$user_count" ]; then users+=$',\n'; fi
done
realm=$(<"$tmpl_dir/realm.json.tmpl")
realm=${realm//\{\{CLIENTS\}\}/$clients}
realm=${realm//\{\{USERS\}\}/$users}
printf '%s\n' "$realm" > "$realm_file"
log "rendered realm bench: $rp_count clients (rp-base $rp_base), $user_count users -> $realm_file"

# --- start ---------------------------------------------------------------------------------------------------------
# Runtime options shared by `kc.sh import` (postgres only) and `kc.sh start`. The argon2 options are runtime options
# (not persisted by `kc.sh build`); they must reach every JVM that hashes a password, the import included.
common_opts=(
  --cache=local
  --spi-password-hashing--argon2--type=id
  --spi-password-hashing--argon2--version=1.3
  --spi-password-hashing--argon2--hash-length=32
  --spi-password-hashing--argon2--memory=19456
  --spi-password-hashing--argon2--iterations=2
  --spi-password-hashing--argon2--parallelism=1
  --log-console-color=false
  "--log-level=${KC_BENCH_LOG_LEVEL:-INFO}"
)

# A temporary master-realm admin so the admin REST API can be used (e.g. to read the stored credential parameters).
# Keycloak creates it in whichever JVM creates the master realm: `kc.sh import` for postgres, so export it before.
export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}
export KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}

if [ "$db" = postgres ]; then
  # `start --import-realm` never overwrites (it forces IGNORE_EXISTING), so an existing realm `bench` in the database
  # would survive with its users, sessions and keys. A separate `kc.sh import --override=true` replaces it first.
  # Its output goes to a file: that JVM prints Quarkus' own "started in" line too, which must not look like readiness.
  import_log="$kc_home/data/import.log"
  log "kc.sh import --override=true (postgres: replaces an existing realm bench), log in $import_log"
  t0=$(date +%s%N)
  if ! run "$kc_home/bin/kc.sh" import --optimized --override=true "--file=$realm_file" \
      "--http-management-port=$mgmt_port" "${common_opts[@]}" > "$import_log" 2>&1; then
    tail -n 40 "$import_log" >&2
    log "kc.sh import failed"
    exit 1
  fi
  log "import took $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  import_opts=()
else
  import_opts=(--import-realm)
fi

trap - TERM INT # from here on kc.sh (exec'd below) forwards SIGTERM/SIGINT to the JVM itself
log "starting on http://127.0.0.1:$port (management/health on 127.0.0.1:$mgmt_port, db $db)"
exec "$kc_home/bin/kc.sh" start --optimized "${import_opts[@]}" \
  --http-enabled=true \
  --http-host=127.0.0.1 \
  "--http-port=$port" \
  "--hostname=http://127.0.0.1:$port" \
  "--http-management-port=$mgmt_port" \
  --server-async-bootstrap=false \
  "${common_opts[@]}"
