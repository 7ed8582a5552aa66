#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432 with trust auth and a database `test`:
# starts it when it is installed but stopped, installs it (Debian packages) when missing.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- "$@"; }
listening() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

if ! listening; then
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "ensure-postgres: installing PostgreSQL (Debian packages)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! as_root grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    # Tests connect as postgres without a password, on loopback only.
    as_root sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  fi
  echo "ensure-postgres: starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 60); do listening && break; sleep 0.5; done
  listening || { echo "ensure-postgres: PostgreSQL did not start" >&2; exit 1; }
fi

if ! psql -h 127.0.0.1 -U postgres -d test -Atqc 'select 1' >/dev/null 2>&1; then
  as_postgres psql -q -c 'create database test' >/dev/null 2>&1 \
    || psql -h 127.0.0.1 -U postgres -d postgres -q -c 'create database test'
fi
echo "ensure-postgres: PostgreSQL is ready on 127.0.0.1:5432"
