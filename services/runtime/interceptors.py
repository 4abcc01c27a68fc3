"""The server interceptor every service runs: request id, tracing, caller, errors, metrics."""

from __future__ import annotations

import contextlib
import inspect
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from typing import Any

import grpc
from google.protobuf import any_pb2, descriptor
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status
from opentelemetry import trace
from opentelemetry.propagate import extract
from prometheus_client import Counter, Histogram

from services.runtime import errors
from services.runtime.auth import TokenVerifier, bearer_token, revoked_session_key
from services.runtime.cache import Cache
from services.runtime.context import caller_var, request_id_var, trace_id_var
from wailian.common.v1 import options_pb2

log = logging.getLogger("wailian.rpc")

RPC_HANDLED = Counter("wailian_rpc_handled_total", "RPCs completed", ["method", "code"])
RPC_SECONDS = Histogram("wailian_rpc_duration_seconds", "RPC handling time", ["method"])

_STATUS_OF: dict[type[errors.DomainError], grpc.StatusCode] = {
    errors.InvalidArgument: grpc.StatusCode.INVALID_ARGUMENT,
    errors.NotFound: grpc.StatusCode.NOT_FOUND,
    errors.AlreadyExists: grpc.StatusCode.ALREADY_EXISTS,
    errors.FailedPrecondition: grpc.StatusCode.FAILED_PRECONDITION,
    errors.Aborted: grpc.StatusCode.ABORTED,
    errors.Unauthenticated: grpc.StatusCode.UNAUTHENTICATED,
    errors.PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
    errors.ResourceExhausted: grpc.StatusCode.RESOURCE_EXHAUSTED,
    errors.Unimplemented: grpc.StatusCode.UNIMPLEMENTED,
}


def method_policies(
    services: Iterable[descriptor.ServiceDescriptor],
) -> dict[str, options_pb2.MethodPolicy]:
    """The declared policy of every method, keyed by its gRPC path `/pkg.Service/Method`."""
    policies: dict[str, options_pb2.MethodPolicy] = {}
    for service in services:
        for method in service.methods:
            options = method.GetOptions()
            if options.HasExtension(options_pb2.policy):
                policies[f"/{service.full_name}/{method.name}"] = options.Extensions[
                    options_pb2.policy
                ]
    return policies


def _pack(message: Any) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed


def status_for(error: errors.DomainError) -> grpc.Status:
    """A gRPC status with google.rpc details for a domain error."""
    code = next(
        (status for kind, status in _STATUS_OF.items() if isinstance(error, kind)),
        grpc.StatusCode.UNKNOWN,
    )
    details: list[any_pb2.Any] = []
    if isinstance(error, errors.InvalidArgument):
        details.append(
            _pack(
                error_details_pb2.BadRequest(
                    field_violations=[
                        error_details_pb2.BadRequest.FieldViolation(
                            field=v.field, description=v.description
                        )
                        for v in error.violations
                    ]
                )
            )
        )
    elif isinstance(error, errors.FailedPrecondition):
        details.append(
            _pack(
                error_details_pb2.PreconditionFailure(
                    violations=[
                        error_details_pb2.PreconditionFailure.Violation(
                            type=error.kind, subject=error.subject, description=str(error)
                        )
                    ]
                )
            )
        )
    message = str(error) or code.name.lower()
    details.append(_pack(error_details_pb2.RequestInfo(request_id=request_id_var.get())))
    return rpc_status.to_status(
        status_pb2.Status(code=code.value[0], message=message, details=details)
    )


def _internal_status() -> grpc.Status:
    request_id = request_id_var.get()
    return rpc_status.to_status(
        status_pb2.Status(
            code=code_pb2.INTERNAL,
            message=f"internal error; quote request id {request_id} to support",
            details=[_pack(error_details_pb2.RequestInfo(request_id=request_id))],
        )
    )


# Envoy's per-request calls (the signature check of every signed request): they carry no
# platform caller, Envoy's access log already records each request with its id, and a span,
# metrics and an extra metadata message per call would cost a third of the throughput.
EDGE_HOT_PATH = frozenset({"/envoy.service.auth.v3.Authorization/Check"})


class PlatformInterceptor(grpc.aio.ServerInterceptor):
    """Wraps every handler: the same plumbing for all services, no domain logic."""

    def __init__(
        self,
        policies: Mapping[str, options_pb2.MethodPolicy],
        verifier: TokenVerifier | None,
        revocations: Cache | None = None,
    ) -> None:
        self._policies = policies
        self._verifier = verifier
        # Where identity marks ended sessions (Redis in production): no call to identity per RPC.
        self._revocations = revocations
        self._tracer = trace.get_tracer("wailian")

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None or handler_call_details.method in EDGE_HOT_PATH:
            return handler
        method = handler_call_details.method
        metadata = {
            key: value
            for key, value in (handler_call_details.invocation_metadata or ())
            if isinstance(value, str)
        }
        policy = self._policies.get(method)
        if handler.unary_unary:
            return grpc.unary_unary_rpc_method_handler(
                self._wrap_unary(handler.unary_unary, method, policy, metadata),
                handler.request_deserializer,
                handler.response_serializer,
            )
        if handler.stream_unary:
            return grpc.stream_unary_rpc_method_handler(
                self._wrap_unary(handler.stream_unary, method, policy, metadata),
                handler.request_deserializer,
                handler.response_serializer,
            )
        if handler.unary_stream:
            return grpc.unary_stream_rpc_method_handler(
                self._wrap_streaming(handler.unary_stream, method, policy, metadata),
                handler.request_deserializer,
                handler.response_serializer,
            )
        return grpc.stream_stream_rpc_method_handler(
            self._wrap_streaming(handler.stream_stream, method, policy, metadata),
            handler.request_deserializer,
            handler.response_serializer,
        )

    def _wrap_unary(
        self,
        behaviour: Callable[..., Any],
        method: str,
        policy: options_pb2.MethodPolicy | None,
        metadata: Mapping[str, str],
    ) -> Callable[..., Any]:
        async def wrapped(request: Any, context: grpc.aio.ServicerContext) -> Any:
            async with self._scope(method, policy, metadata, context):
                return await behaviour(request, context)

        return wrapped

    def _wrap_streaming(
        self,
        behaviour: Callable[..., Any],
        method: str,
        policy: options_pb2.MethodPolicy | None,
        metadata: Mapping[str, str],
    ) -> Callable[..., Any]:
        async def wrapped(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
            async with self._scope(method, policy, metadata, context):
                result = behaviour(request, context)
                if inspect.isasyncgen(result):
                    async for response in result:
                        yield response
                else:  # a coroutine writing with context.write()
                    await result

        return wrapped

    @contextlib.asynccontextmanager
    async def _scope(
        self,
        method: str,
        policy: options_pb2.MethodPolicy | None,
        metadata: Mapping[str, str],
        context: grpc.aio.ServicerContext,
    ) -> AsyncIterator[None]:
        """Request id, span, caller and permission, error mapping and metrics of one call."""
        request_id = metadata.get("x-request-id") or uuid.uuid4().hex
        request_id_var.set(request_id)
        started = time.perf_counter()
        code = grpc.StatusCode.OK
        with self._tracer.start_as_current_span(
            method, context=extract(dict(metadata)), kind=trace.SpanKind.SERVER
        ) as span:
            span_context = span.get_span_context()
            if span_context.is_valid:
                trace_id_var.set(f"{span_context.trace_id:032x}")
            await context.send_initial_metadata((("x-request-id", request_id),))
            try:
                await self._authorise(policy, metadata)
                yield
            except grpc.aio.AbortError:
                code = context.code() or grpc.StatusCode.UNKNOWN
                raise
            except errors.DomainError as error:
                status = status_for(error)
                code = status.code
                log.info("rejected %s: %s", method, error, extra={"code": code.name})
                await context.abort(status.code, status.details, status.trailing_metadata)
            except NotImplementedError:
                # The generated base servicer: declared in the contract, not built yet.
                code = grpc.StatusCode.UNIMPLEMENTED
                await context.abort(code, f"{method} is not built yet")
            except Exception:
                code = grpc.StatusCode.INTERNAL
                log.exception("failed %s", method)
                status = _internal_status()
                await context.abort(status.code, status.details, status.trailing_metadata)
            finally:
                RPC_HANDLED.labels(method, code.name).inc()
                RPC_SECONDS.labels(method).observe(time.perf_counter() - started)

    async def _authorise(
        self, policy: options_pb2.MethodPolicy | None, metadata: Mapping[str, str]
    ) -> None:
        if policy is None or policy.anonymous:
            # No policy: health, reflection and Envoy's own services, never routed from outside.
            return
        if policy.internal:
            if "x-forwarded-for" in metadata:
                raise errors.PermissionDenied("an internal method, not callable through the edge")
            return
        token = bearer_token(metadata)
        if token is None:
            raise errors.Unauthenticated("sign in first: this call needs an access token")
        if self._verifier is None:
            raise errors.Unauthenticated("this service cannot verify access tokens")
        caller = await self._verifier.verify(token)
        if (
            caller.session_id
            and self._revocations is not None
            and await self._revocations.contains(revoked_session_key(caller.session_id))
        ):
            raise errors.Unauthenticated("this session has ended: sign in again")
        caller_var.set(caller)
        if not caller.may(policy.permission):
            raise errors.PermissionDenied(f"missing permission {policy.permission}")


class RequestIdClientInterceptor(grpc.aio.UnaryUnaryClientInterceptor):
    """Propagates the current request id and trace context to downstream calls."""

    async def intercept_unary_unary(
        self, continuation: Callable[..., Any], client_call_details: Any, request: Any
    ) -> Any:
        from opentelemetry.propagate import inject

        metadata = list(client_call_details.metadata or ())
        request_id = request_id_var.get()
        if request_id and not any(key == "x-request-id" for key, _ in metadata):
            metadata.append(("x-request-id", request_id))
        carrier: dict[str, str] = {}
        inject(carrier)
        metadata.extend(carrier.items())
        details = client_call_details._replace(metadata=metadata)
        return await continuation(details, request)
