"""The permissions the platform's contracts declare: every `(wailian.common.v1.policy)`."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache

from services.runtime.config import SERVICES
from wailian.common.v1 import options_pb2

MODULE_NAMES: dict[str, str] = {
    "identity": "身份与权限 Identity",
    "registry": "服务注册 Registry",
    "monitor": "监控运维 Monitor",
    "payment": "支付 Payment",
    "publishing": "信息发布 Publishing",
}


@dataclass(frozen=True)
class DeclaredPermission:
    name: str
    module: str
    resource: str
    action: str
    methods: tuple[str, ...]


@cache
def declared_permissions() -> dict[str, DeclaredPermission]:
    """Every permission of every `wailian.*.v1` service method, with the methods needing it."""
    methods: dict[str, list[str]] = {}
    for package in ("common", *SERVICES):
        versioned = importlib.import_module(f"wailian.{package}.v1")
        for info in pkgutil.iter_modules(versioned.__path__):
            if not info.name.endswith("_pb2"):
                continue
            module = importlib.import_module(f"{versioned.__name__}.{info.name}")
            for service in module.DESCRIPTOR.services_by_name.values():
                for method in service.methods:
                    options = method.GetOptions()
                    if not options.HasExtension(options_pb2.policy):
                        continue
                    permission = options.Extensions[options_pb2.policy].permission
                    if permission:
                        methods.setdefault(permission, []).append(
                            f"/{service.full_name}/{method.name}"
                        )
    declared = {}
    for name, names in methods.items():
        module_name, _, rest = name.partition(".")
        resource, _, action = rest.rpartition(".")
        declared[name] = DeclaredPermission(
            name, module_name, resource, action, tuple(sorted(names))
        )
    return declared
