"""An amqtt MQTT 3.1.1 broker with a WebSocket listener (subprotocol
"mqtt") for the MQTT lens tests. Listens on 127.0.0.1, prints its port
first, and stops by itself.

Usage: python mqtt_broker.py LIFETIME_SECONDS [USER:PASSWORD]

With USER:PASSWORD the broker refuses anonymous clients and any other
credentials (CONNACK return code 5, not authorized). Runs under its own
Python (STREAMTAP_MQTT_PYTHON, from requirements-mqtt.txt): amqtt pins a
websockets release older than the other peers'.
"""
import asyncio
import logging
import os
import socket
import sys
import tempfile

from amqtt.broker import Broker

lifetime = float(sys.argv[1]) if len(sys.argv) > 1 else 30
credentials = sys.argv[2] if len(sys.argv) > 2 else None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def main():
    logging.basicConfig(level=logging.CRITICAL)
    port = free_port()
    plugins = {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": credentials is None}}
    if credentials:
        # amqtt's file plugin reads "user:hash" lines with Argon2 hashes.
        from pwdlib import PasswordHash

        user, password = credentials.split(":", 1)
        password_file = os.path.join(tempfile.mkdtemp(), "passwd")
        with open(password_file, "w") as handle:
            handle.write(f"{user}:{PasswordHash.recommended().hash(password)}\n")
        plugins["amqtt.plugins.authentication.FileAuthPlugin"] = {"password_file": password_file}
    config = {"listeners": {"default": {"type": "ws", "bind": f"127.0.0.1:{port}"}}, "plugins": plugins}
    broker = Broker(config)
    await broker.start()
    print(port, flush=True)
    await asyncio.sleep(lifetime)
    await broker.shutdown()


asyncio.run(main())
