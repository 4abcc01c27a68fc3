"""The publishing service: department and doctor master data, published to channels.

Its whole contract is served; every RPC answers UNIMPLEMENTED until its issue builds it.
"""

from __future__ import annotations

import grpc

from services.publishing.models import Base
from services.runtime.server import Registration, Runtime, ServiceModule


def register(server: grpc.aio.Server, runtime: Runtime) -> Registration:
    return Registration(services=[])


SERVICE = ServiceModule("publishing", Base.metadata, register)
