#!/usr/bin/env bash
# Runs ALL of Balai's tests: rustfmt, clippy, cargo-deny, cargo test (SQLite + PostgreSQL), API
# conformance with schemathesis on both (scripts/uji-api.sh), the browser
# tests in e2e/ (playwright-core driving Debian's /usr/bin/chromium) and the package test (the .deb
# installed into a Debian 12 chroot, set up in the browser: scripts/uji-paket.sh) and the arm64
# smoke test (cross-compiled, packaged, /healthz under qemu-user: scripts/uji-arm64.sh).
#
# Made for a fresh Debian 12 machine where we are root; installs what is missing with apt-get
# (PostgreSQL, Chromium, Node.js) and is safe to run again on the same machine.
#
# Usage: scripts/test.sh [--only-db] [--no-lint] [--no-e2e] [-h]
#   --only-db  only set up the test PostgreSQL cluster and print its URL on stdout:
#                export BALAI_TEST_POSTGRES_URL="$(scripts/test.sh --only-db)"
#   --no-lint  skip cargo fmt, cargo clippy and cargo deny
#   --no-e2e   skip the browser tests
#
# Environment (all optional):
#   BALAI_TEST_POSTGRES_URL  use this PostgreSQL server instead of the dedicated local cluster
#   BALAI_TEST_BACKENDS      store backends the Rust tests run against (default: sqlite,postgres)
#   BALAI_TEST_PG_PORT       port of the dedicated cluster (default: 55432)
#   BALAI_TEST_KEEP_DBS=1    do not drop databases left in the dedicated cluster by earlier runs
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Setup
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ONLY_DB=0
LINT=1
E2E=1
for arg in "$@"; do
    case "$arg" in
        --only-db) ONLY_DB=1 ;;
        --no-lint) LINT=0 ;;
        --no-e2e) E2E=0 ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "test.sh: unknown argument: $arg (try --help)" >&2
            exit 2
            ;;
    esac
done
[[ $ONLY_DB == 1 ]] && E2E=0

PG_CLUSTER=balaitest
PG_PORT="${BALAI_TEST_PG_PORT:-55432}"
PG_ROLE=balai
PG_PASSWORD=balai
export BALAI_TEST_BACKENDS="${BALAI_TEST_BACKENDS:-sqlite,postgres}"
export DEBIAN_FRONTEND=noninteractive
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"

# All progress messages go to stderr, so that --only-db prints nothing but the URL on stdout.
if [[ -t 2 ]]; then
    log() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }
else
    log() { printf '\n==> %s\n' "$*" >&2; }
fi
warn() { printf 'test.sh: warning: %s\n' "$*" >&2; }
die() {
    printf 'test.sh: error: %s\n' "$*" >&2
    exit 1
}

SUDO=()
if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null || die "not root and no sudo: cannot install packages or manage PostgreSQL"
    SUDO=(sudo)
fi

# Run a command as the postgres OS user (from / so that it can read its cwd).
as_postgres() {
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && sudo -u postgres -- "$@")
    fi
}

APT_UPDATED=0
apt_install() {
    if [[ $APT_UPDATED == 0 ]]; then
        log "apt-get update"
        "${SUDO[@]}" apt-get update -q >&2
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    "${SUDO[@]}" apt-get install -y -q "$@" >&2
}

# ---------------------------------------------------------------------------------------------
# Steps and the summary
STEP_NAMES=()
STEP_RESULTS=()
STEP_SECONDS=()
FAILED=()

record() { # name result seconds
    STEP_NAMES+=("$1")
    STEP_RESULTS+=("$2")
    STEP_SECONDS+=("$3")
    [[ $2 == FAIL ]] && FAILED+=("$1")
    return 0
}

# run_step NAME COMMAND...: runs the command (a function or a program) with `set -e` in force
# inside it, records the outcome and goes on, so one run reports every failure.
run_step() {
    local name="$1" start rc
    shift
    log "$name"
    start=$SECONDS
    set +e
    (
        set -e
        "$@"
    )
    rc=$?
    set -e
    if [[ $rc -eq 0 ]]; then
        record "$name" OK $((SECONDS - start))
    else
        printf 'test.sh: step "%s" failed (exit %d)\n' "$name" "$rc" >&2
        record "$name" FAIL $((SECONDS - start))
    fi
    return 0
}

skip_step() { # name reason
    log "$1: skipped ($2)"
    record "$1" "SKIP ($2)" 0
}

step_ok() { # name -> true if the step ran and passed
    local i
    for i in "${!STEP_NAMES[@]}"; do
        [[ ${STEP_NAMES[$i]} == "$1" && ${STEP_RESULTS[$i]} == OK ]] && return 0
    done
    return 1
}

summary() {
    local i
    {
        echo
        echo "================================ Balai test summary ================================"
        for i in "${!STEP_NAMES[@]}"; do
            printf '  %-32s %-34s %5ss\n' "${STEP_NAMES[$i]}" "${STEP_RESULTS[$i]}" "${STEP_SECONDS[$i]}"
        done
        echo "===================================================================================="
        if [[ ${#FAILED[@]} -eq 0 ]]; then
            echo "RESULT: SUCCESS (all steps passed, ${SECONDS}s in total)"
        else
            local IFS=,
            echo "RESULT: FAILURE (failed step(s): ${FAILED[*]})"
        fi
    } >&2
}

# ---------------------------------------------------------------------------------------------
# Prerequisites
pg_server_installed() {
    command -v pg_ctlcluster >/dev/null 2>&1 && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

prerequisites() {
    local pkgs=()
    pg_server_installed || pkgs+=(postgresql postgresql-contrib)
    # API conformance: schemathesis from PyPI in a venv; curl waits for the server.
    command -v curl >/dev/null 2>&1 || pkgs+=(curl)
    command -v python3 >/dev/null 2>&1 || pkgs+=(python3)
    python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || pkgs+=(python3-venv)
    if [[ $E2E == 1 ]]; then
        [[ -x /usr/bin/chromium ]] || pkgs+=(chromium)
        command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
        command -v npm >/dev/null 2>&1 || pkgs+=(npm)
        # Letter tests read the PDF's text and decode its QR code.
        command -v pdftotext >/dev/null 2>&1 || pkgs+=(poppler-utils)
        command -v zbarimg >/dev/null 2>&1 || pkgs+=(zbar-tools)
        # The package test installs the .deb into a Debian 12 chroot it makes.
        command -v debootstrap >/dev/null 2>&1 || pkgs+=(debootstrap)
        command -v curl >/dev/null 2>&1 || pkgs+=(curl)
        # The arm64 smoke test: Debian's cross toolchain and qemu-user.
        command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || pkgs+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
        command -v qemu-aarch64 >/dev/null 2>&1 || pkgs+=(qemu-user)
        command -v file >/dev/null 2>&1 || pkgs+=(file)
    fi
    if [[ ${#pkgs[@]} -gt 0 ]]; then
        apt_install "${pkgs[@]}"
    else
        echo "nothing to install" >&2
    fi
    pg_server_installed || die "PostgreSQL server still missing after apt-get install"
    if [[ $E2E == 1 ]]; then
        [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium still missing after apt-get install"
        local node_major
        node_major="$(node -p 'process.versions.node.split(".")[0]')"
        [[ $node_major -ge 20 ]] || warn "Node.js $(node --version) is older than 20, which playwright-core wants"
    fi
    if [[ $ONLY_DB == 0 ]]; then
        command -v cargo >/dev/null 2>&1 || die "cargo not found (install Rust with rustup)"
    fi
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL: a dedicated cluster "balaitest", so nothing depends on the state of "main".
pg_version() {
    if [[ -x /usr/lib/postgresql/15/bin/postgres ]]; then
        echo 15
    else
        # Not Debian 12: take the newest installed server.
        find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -n | tail -n 1
    fi
}

# Prints the URL on stdout (everything else on stderr).
pg_setup() {
    if [[ -n ${BALAI_TEST_POSTGRES_URL:-} ]]; then
        echo "BALAI_TEST_POSTGRES_URL is set: using it, not the local cluster" >&2
        psql -X -q -Atc 'select 1' "$BALAI_TEST_POSTGRES_URL" >/dev/null ||
            die "cannot connect to BALAI_TEST_POSTGRES_URL"
        echo "$BALAI_TEST_POSTGRES_URL"
        return 0
    fi

    local ver conf_dir conf_file conf log_file status changed=0
    ver="$(pg_version)"
    conf_dir="/etc/postgresql/$ver/$PG_CLUSTER"
    log_file="/var/log/postgresql/postgresql-$ver-$PG_CLUSTER.log"

    if ! pg_lsclusters -h "$ver" "$PG_CLUSTER" >/dev/null 2>&1; then
        echo "creating cluster $ver/$PG_CLUSTER on port $PG_PORT" >&2
        "${SUDO[@]}" pg_createcluster "$ver" "$PG_CLUSTER" --port "$PG_PORT" --start-conf manual \
            --locale C.UTF-8 --encoding UTF8 >&2
    fi
    local actual_port
    actual_port="$(pg_lsclusters -h "$ver" "$PG_CLUSTER" | awk '{print $3}')"
    if [[ $actual_port != "$PG_PORT" ]]; then
        warn "cluster $ver/$PG_CLUSTER exists on port $actual_port (not $PG_PORT): using $actual_port"
        PG_PORT="$actual_port"
    fi

    # Settings for a throw-away test cluster: durability off (much faster), TCP on loopback only.
    conf_file="$conf_dir/conf.d/90-balai-test.conf"
    conf="# Written by scripts/test.sh: a throw-away test cluster.
listen_addresses = '127.0.0.1'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
password_encryption = 'scram-sha-256'"
    if [[ ! -f $conf_file ]] || [[ "$(cat "$conf_file")" != "$conf" ]]; then
        printf '%s\n' "$conf" | "${SUDO[@]}" tee "$conf_file" >/dev/null
        "${SUDO[@]}" chown postgres:postgres "$conf_file"
        changed=1
    fi

    status="$(pg_lsclusters -h "$ver" "$PG_CLUSTER" | awk '{print $4}')"
    if [[ $status == online* ]]; then
        if [[ $changed == 1 ]]; then
            echo "configuration changed: restarting $ver/$PG_CLUSTER" >&2
            "${SUDO[@]}" pg_ctlcluster "$ver" "$PG_CLUSTER" restart >&2
        else
            echo "cluster $ver/$PG_CLUSTER already running" >&2
        fi
    else
        echo "starting cluster $ver/$PG_CLUSTER" >&2
        # Retried: just after a crash the old server's processes may still hold its lock files.
        local attempt
        for attempt in 1 2 3; do
            "${SUDO[@]}" pg_ctlcluster "$ver" "$PG_CLUSTER" start >&2 && break
            # Exit 2 is "already running"; other failures are reported below by pg_isready.
            warn "pg_ctlcluster start failed (attempt $attempt)"
            sleep 3
        done
    fi

    local i
    for i in $(seq 1 60); do
        pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
        [[ $i == 60 ]] && {
            "${SUDO[@]}" tail -n 30 "$log_file" >&2 || true
            die "PostgreSQL on 127.0.0.1:$PG_PORT did not become ready"
        }
        sleep 0.5
    done

    # The role the tests log in as (a superuser: tests create and drop their own databases).
    as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres >&2 <<SQL
SELECT format('CREATE ROLE %I', '$PG_ROLE')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') \gexec
ALTER ROLE $PG_ROLE WITH SUPERUSER LOGIN PASSWORD '$PG_PASSWORD';
SQL

    # TCP from 127.0.0.1 must ask for a password (scram or md5), as a real server does.
    local auth
    auth="$(as_postgres psql -X -Atq -p "$PG_PORT" -d postgres -c \
        "SELECT auth_method FROM pg_hba_file_rules
         WHERE type = 'host'
           AND CASE WHEN address ~ '^[0-9.]+\$' AND netmask ~ '^[0-9.]+\$'
                    THEN '127.0.0.1'::inet & netmask::inet = address::inet & netmask::inet
                    ELSE address IN ('all', 'samehost') END
           AND ('all' = ANY(database) OR 'postgres' = ANY(database))
           AND ('all' = ANY(user_name) OR '$PG_ROLE' = ANY(user_name))
         ORDER BY line_number LIMIT 1")"
    case "$auth" in
        scram-sha-256 | md5) echo "pg_hba: TCP from 127.0.0.1 uses $auth" >&2 ;;
        *) warn "pg_hba: TCP from 127.0.0.1 uses '${auth:-nothing}', not a password method" ;;
    esac

    local url="postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres"
    psql -X -q -Atc 'select 1' "$url" >/dev/null || die "cannot connect to $url"
    echo "PostgreSQL ready on 127.0.0.1:$PG_PORT" >&2
    echo "$url"
}

# Databases that earlier runs left behind (e.g. a killed test) in the dedicated cluster.
pg_drop_leftovers() {
    [[ ${BALAI_TEST_KEEP_DBS:-0} == 1 ]] && return 0
    [[ ${BALAI_TEST_POSTGRES_URL_GIVEN:-0} == 0 ]] || return 0
    local n
    n="$(psql -X -Atq "$BALAI_TEST_POSTGRES_URL" -c \
        "SELECT count(*) FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')")"
    [[ $n == 0 ]] && return 0
    echo "dropping $n database(s) left by earlier runs" >&2
    psql -X -Atq "$BALAI_TEST_POSTGRES_URL" -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database
WHERE datname NOT IN ('postgres', 'template0', 'template1') \gexec
SQL
}

# ---------------------------------------------------------------------------------------------
# Test steps
balai_bin() {
    local target="${CARGO_TARGET_DIR:-$ROOT/target}"
    [[ $target == /* ]] || target="$ROOT/$target"
    echo "$target/debug/balai"
}

e2e_tests() {
    local bin tests=()
    bin="$(balai_bin)"
    [[ -x $bin ]] || die "$bin not found"
    mapfile -t tests < <(find e2e -maxdepth 2 -path e2e/node_modules -prune -o -name '*.test.mjs' -print | sort)
    if [[ ${#tests[@]} -eq 0 ]]; then echo "no e2e/*.test.mjs files yet: the web UI is not built"; return 0; fi
    (
        cd e2e
        # playwright-core never downloads a browser; this guards against a stray `playwright`.
        export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
        if [[ -f package-lock.json ]]; then
            npm ci --no-audit --no-fund
        else
            npm install --no-audit --no-fund
        fi
    )
    BALAI_BIN="$bin" node --test --test-concurrency=1 "${tests[@]}"
}

# Supply chain (issue 20, proof 6): the dependencies' licences, banned crates and sources, with
# cargo-deny (built once into ~/.cargo/bin, without its network features: the advisory
# database needs the internet and is checked by hand with `cargo deny check advisories`).
supply_chain() {
    if ! command -v cargo-deny >/dev/null 2>&1; then
        cargo install cargo-deny --locked --no-default-features
    fi
    cargo deny check licenses bans sources
}

# ---------------------------------------------------------------------------------------------
main() {
    run_step "prerequisites" prerequisites
    step_ok prerequisites || {
        summary
        exit 1
    }

    if [[ $ONLY_DB == 1 ]]; then
        pg_setup
        return 0
    fi

    log "postgres"
    [[ -n ${BALAI_TEST_POSTGRES_URL:-} ]] && BALAI_TEST_POSTGRES_URL_GIVEN=1
    local start=$SECONDS url rc
    set +e
    url="$(
        set -e
        pg_setup
    )"
    rc=$?
    set -e
    if [[ $rc -eq 0 && -n $url ]]; then
        record "postgres" OK $((SECONDS - start))
        export BALAI_TEST_POSTGRES_URL="$url"
        echo "BALAI_TEST_POSTGRES_URL=$BALAI_TEST_POSTGRES_URL" >&2
        echo "BALAI_TEST_BACKENDS=$BALAI_TEST_BACKENDS" >&2
        pg_drop_leftovers || warn "could not drop leftover test databases"
    else
        record "postgres" FAIL $((SECONDS - start))
        unset BALAI_TEST_POSTGRES_URL
        # Without PostgreSQL, run what can run so the report is still useful.
        BALAI_TEST_BACKENDS=sqlite
    fi

    if [[ $LINT == 1 ]]; then
        run_step "cargo fmt --check" cargo fmt --all -- --check
        run_step "cargo clippy -D warnings" cargo clippy --workspace --all-targets -- -D warnings
        run_step "cargo deny check" supply_chain
    else
        skip_step "cargo fmt --check" "--no-lint"
        skip_step "cargo clippy -D warnings" "--no-lint"
        skip_step "cargo deny check" "--no-lint"
    fi

    # One build serves the Rust tests and the browser tests: `cargo test` builds target/debug/balai
    # for the CLI tests with the same features, where a separate `cargo build -p balai` would
    # compile much of the dependency tree a second time (time and disk a CI machine may not have).
    run_step "cargo build (tests, balai)" cargo test --workspace --no-run
    run_step "cargo test ($BALAI_TEST_BACKENDS)" cargo test --workspace

    # API conformance (issue 20, proof 2): schemathesis against the served OpenAPI document.
    local be
    for be in sqlite postgres; do
        if ! step_ok "cargo build (tests, balai)" || [[ ! -x $(balai_bin) ]]; then
            skip_step "API conformance ($be)" "no binary"
        elif [[ ,$BALAI_TEST_BACKENDS, != *,$be,* ]]; then
            skip_step "API conformance ($be)" "$be not available"
        else
            run_step "API conformance ($be)" env BALAI_BIN="$(balai_bin)" scripts/uji-api.sh --backend "$be" --contoh 10
        fi
    done

    if [[ $E2E == 1 ]]; then
        if step_ok "cargo build (tests, balai)" && [[ -x $(balai_bin) ]]; then
            run_step "e2e (browser)" e2e_tests
        else
            skip_step "e2e (browser)" "no binary"
        fi
        if step_ok "cargo build (tests, balai)" && [[ -x $(balai_bin) ]]; then
            run_step "package (.deb in a Debian 12 chroot)" "${SUDO[@]}" scripts/uji-paket.sh "$(balai_bin)"
        else
            skip_step "package (.deb in a Debian 12 chroot)" "no binary"
        fi
        # The standard library for aarch64 comes from rustup's server; where that cannot be
        # reached the step says so instead of failing the run.
        if rustup target list --installed 2>/dev/null | grep -qx aarch64-unknown-linux-gnu ||
            rustup target add aarch64-unknown-linux-gnu >&2; then
            run_step "arm64 (cross build, .deb, /healthz under qemu)" scripts/uji-arm64.sh
        else
            skip_step "arm64 (cross build, .deb, /healthz under qemu)" "rustup could not fetch the aarch64 target"
        fi
    else
        skip_step "e2e (browser)" "--no-e2e"
        skip_step "package (.deb in a Debian 12 chroot)" "--no-e2e"
        skip_step "arm64 (cross build, .deb, /healthz under qemu)" "--no-e2e"
    fi

    summary
    [[ ${#FAILED[@]} -eq 0 ]]
}

main
