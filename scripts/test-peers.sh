#!/usr/bin/env bash
# Makes sure the servers the tests talk to are there, installing and starting them when they are not:
#   PostgreSQL on 127.0.0.1:5432 with a `test` database that the `postgres` user reaches without a password;
#   curl and openssl (HTTPS tests); OpenSSH's sftp, ssh-keygen and sshd (SFTP tests, which start their own
#   sshd). The S3 stand-in (s3rver) comes from devDependencies and is started by the tests themselves.
#   Idempotent: on a machine that has it all, it only checks.
set -euo pipefail

need_apt=()
command -v curl >/dev/null || need_apt+=(curl)
command -v openssl >/dev/null || need_apt+=(openssl)
command -v pg_ctlcluster >/dev/null || need_apt+=(postgresql postgresql-client)
# SFTP tests: OpenSSH's sftp client and ssh-keygen, and sshd as the server that outbound pushes go to.
command -v sftp >/dev/null && command -v ssh-keygen >/dev/null || need_apt+=(openssh-client)
[ -x /usr/sbin/sshd ] || need_apt+=(openssh-server)
# An SMTP sink for the notification e-mail tests (python3 -m aiosmtpd, writing a Maildir).
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || need_apt+=(python3-aiosmtpd)

if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "test-peers: missing ${need_apt[*]}; install them (Debian: apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
  echo "test-peers: installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${need_apt[@]}"
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # Tests connect as postgres over loopback without a password.
  if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done
fi

if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'test'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database test"
fi
echo "test-peers: PostgreSQL ready on 127.0.0.1:5432 (database test)"
