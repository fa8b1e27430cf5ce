"""A strawberry-graphql server (ASGI, under uvicorn) for the GraphQL lens
tests: both graphql-transport-ws and the legacy graphql-ws, a two-second
connection_init timeout. Listens on 127.0.0.1, prints its port first, and
stops by itself.

Usage: python graphql_server.py LIFETIME_SECONDS

Schema: query hello; subscription count(to: Int) yields 1..to, 20 ms apart;
subscription ticker yields forever, 50 ms apart.
"""
import asyncio
import sys
from datetime import timedelta
from typing import AsyncGenerator

import strawberry
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL

import asgi_peer

lifetime = float(sys.argv[1]) if len(sys.argv) > 1 else 30


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "world"


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def count(self, to: int = 3) -> AsyncGenerator[int, None]:
        for value in range(1, to + 1):
            yield value
            await asyncio.sleep(0.02)

    @strawberry.subscription
    async def ticker(self) -> AsyncGenerator[int, None]:
        value = 0
        while True:
            value += 1
            yield value
            await asyncio.sleep(0.05)


schema = strawberry.Schema(query=Query, subscription=Subscription)
app = GraphQL(
    schema,
    subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL],
    connection_init_wait_timeout=timedelta(seconds=2),
)


asgi_peer.serve(app, lifetime)
