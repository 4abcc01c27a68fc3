"""The payment service: unified payment, merchant numbers, reconciliation and settlement.

Its whole contract is served; every RPC answers UNIMPLEMENTED until its issue builds it.
"""

from __future__ import annotations

import grpc

from services.payment.models import Base
from services.runtime.server import Registration, Runtime, ServiceModule


def register(server: grpc.aio.Server, runtime: Runtime) -> Registration:
    return Registration(services=[])


SERVICE = ServiceModule("payment", Base.metadata, register)
