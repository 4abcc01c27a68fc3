"""The gRPC services a compiled descriptor set offers to the edge."""

from __future__ import annotations

from pathlib import Path

from google.api import annotations_pb2
from google.protobuf import descriptor_pb2


def wailian_services(
    descriptor_set: Path | str, package_prefix: str = "wailian.", *, http_only: bool = True
) -> tuple[str, ...]:
    """Fully-qualified services under the package prefix; with http_only, those with HTTP rules.

    A service without any `google.api.http` rule is internal (called gRPC-to-gRPC, such as
    the diagnostics every service answers) and has no business on the console listener.
    """
    # Importing annotations_pb2 registers the google.api.http option, so parsing keeps it.
    http_rule = annotations_pb2.http
    files = descriptor_pb2.FileDescriptorSet.FromString(Path(descriptor_set).read_bytes())
    return tuple(
        sorted(
            f"{file.package}.{service.name}"
            for file in files.file
            if file.package.startswith(package_prefix)
            for service in file.service
            if not http_only
            or any(method.options.HasExtension(http_rule) for method in service.method)
        )
    )
