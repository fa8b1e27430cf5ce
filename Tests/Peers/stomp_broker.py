"""RabbitMQ with its Web STOMP plugin (STOMP 1.0-1.2 over WebSocket at
/ws) for the STOMP lens tests: a private node in a temporary directory,
every listener on 127.0.0.1. Prints the Web STOMP port once RabbitMQ
accepts connections on it, and stops the node after LIFETIME seconds (or
when killed).

Usage: python stomp_broker.py LIFETIME_SECONDS

Needs Debian's rabbitmq-server package (RABBITMQ_SERVER overrides the path
of its rabbitmq-server script). The default user guest/guest may connect
from loopback only, as RabbitMQ allows by default.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

lifetime = float(sys.argv[1]) if len(sys.argv) > 1 else 60
server = os.environ.get("RABBITMQ_SERVER", "/usr/lib/rabbitmq/bin/rabbitmq-server")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


base = tempfile.mkdtemp(prefix="streamtap-rabbitmq-")
web_stomp, amqp, distribution, epmd = free_port(), free_port(), free_port(), free_port()
with open(os.path.join(base, "rabbitmq.conf"), "w") as config:
    config.write(
        f"listeners.tcp.default = 127.0.0.1:{amqp}\n"
        f"web_stomp.tcp.ip = 127.0.0.1\nweb_stomp.tcp.port = {web_stomp}\n"
        "stomp.listeners.tcp = none\n"
    )
with open(os.path.join(base, "enabled_plugins"), "w") as plugins:
    plugins.write("[rabbitmq_web_stomp].\n")
node = f"streamtap{os.getpid()}@localhost"
environment = dict(
    os.environ,
    HOME=base,
    RABBITMQ_NODENAME=node,
    RABBITMQ_CONFIG_FILE=os.path.join(base, "rabbitmq"),
    RABBITMQ_ENABLED_PLUGINS_FILE=os.path.join(base, "enabled_plugins"),
    RABBITMQ_MNESIA_BASE=os.path.join(base, "mnesia"),
    RABBITMQ_LOG_BASE=os.path.join(base, "log"),
    RABBITMQ_NODE_IP_ADDRESS="127.0.0.1",
    RABBITMQ_DIST_PORT=str(distribution),
    ERL_EPMD_ADDRESS="127.0.0.1",
    ERL_EPMD_PORT=str(epmd),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}",
)


def spawn(arguments):
    """A child in a process group of its own, which stop() and the
    watchdog kill whole (the node's processes are not all direct children)."""
    return subprocess.Popen(
        arguments, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


# Our own epmd, so that none outlives the test (a node would start a
# daemon of its own otherwise).
epmd_daemon = spawn(["epmd", "-address", "127.0.0.1", "-port", str(epmd)])
broker = spawn([server])
# Tests stop peers with SIGKILL, which no handler sees: a watchdog kills
# the node's process groups once this launcher is gone.
subprocess.Popen(
    [
        "sh",
        "-c",
        f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 0.5; done; kill -9 -{broker.pid} -{epmd_daemon.pid}; rm -rf {base}",
    ],
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
    start_new_session=True,
)


def stop(*_):
    for child in (broker, epmd_daemon):
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        child.wait(timeout=10)
    shutil.rmtree(base, ignore_errors=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
deadline = time.monotonic() + 60
while not accepts(web_stomp):
    if broker.poll() is not None or time.monotonic() > deadline:
        print("RabbitMQ did not start", file=sys.stderr, flush=True)
        stop()
    time.sleep(0.2)
print(web_stomp, flush=True)
time.sleep(lifetime)
stop()
