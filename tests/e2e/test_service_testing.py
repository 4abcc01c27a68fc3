"""Developer center and service testing through the real Envoy: a vendor signs up and is
approved, reads an API's documentation, runs its signed Python sample against the edge, and
tests the API from the console; the run's request id opens the access-log entry in monitor."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import grpc
import pytest

from deploy.local.demo import admin_metadata
from deploy.local.launcher import LocalPlatform
from tests.support import eventually
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.monitor.v1 import logs_pb2, logs_pb2_grpc
from wailian.registry.v1 import access_pb2 as ap
from wailian.registry.v1 import access_pb2_grpc as ag
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg
from wailian.registry.v1 import developer_pb2 as dp
from wailian.registry.v1 import developer_pb2_grpc as dg
from wailian.registry.v1 import testing_pb2 as tp
from wailian.registry.v1 import testing_pb2_grpc as tg

pytestmark = pytest.mark.e2e

SIGN_UP_PASSWORD = "Vendor-2026-ok"
VENDOR_PASSWORD = "Vendor-2026-new"


def _approved_vendor(
    identity: grpc.Channel, registry: grpc.Channel, admin: object
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Signs up on the public page, is approved, sets its password at first sign-in."""
    developers = dg.DeveloperServiceStub(registry)
    username = f"vendor{uuid.uuid4().hex[:6]}"
    signed_up = developers.RegisterDeveloper(
        dp.RegisterDeveloperRequest(
            organization_name="健康科技有限公司",
            unified_social_credit_code="91350100M000100Y43",
            contact_name="李工",
            contact_phone="13900000000",
            contact_email="li@vendor.example",
            username=username,
            password=SIGN_UP_PASSWORD,
        )
    )
    approved = developers.ApproveDeveloper(
        dp.ApproveDeveloperRequest(
            developer_id=signed_up.developer_id, idempotency_key=str(uuid.uuid4())
        ),
        metadata=admin,  # type: ignore[arg-type]
    ).developer
    sessions = idg.SessionServiceStub(identity)
    first = sessions.Login(idp.LoginRequest(username=username, password=SIGN_UP_PASSWORD))
    changed = sessions.ChangePassword(
        idp.ChangePasswordRequest(current_password=SIGN_UP_PASSWORD, new_password=VENDOR_PASSWORD),
        metadata=(("authorization", f"Bearer {first.access_token}"),),
    )
    return approved.user_id, (("authorization", f"Bearer {changed.access_token}"),)


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_a_vendor_reads_the_docs_runs_the_sample_and_tests_the_api_through_the_edge(
    backends: LocalPlatform, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    platform = backends
    with (
        platform.grpc_channel("identity") as identity,
        platform.grpc_channel("registry") as registry,
    ):
        admin = admin_metadata(identity)
        vendor_id, vendor = _approved_vendor(identity, registry, admin)
        channels = idg.ChannelServiceStub(identity)
        channel = channels.CreateChannel(
            idp.CreateChannelRequest(
                channel=idp.Channel(
                    code=f"vendor-{uuid.uuid4().hex[:4]}",
                    name="第三方联调",
                    type=idp.CHANNEL_TYPE_THIRD_PARTY_VENDOR,
                    vendor_user_ids=[vendor_id],
                )
            ),
            metadata=admin,
        ).channel
        issued = channels.CreateChannelCredential(
            idp.CreateChannelCredentialRequest(
                channel_id=channel.channel_id, kind=idp.CREDENTIAL_KIND_SIGNATURE
            ),
            metadata=vendor,
        )
        catalog = rg.CatalogServiceStub(registry)
        upstream = catalog.CreateUpstream(
            rp.CreateUpstreamRequest(
                upstream=rp.Upstream(
                    name="his", endpoints=[rp.Endpoint(host="127.0.0.1", port=platform.his_port)]
                )
            ),
            metadata=admin,
        ).upstream
        service = catalog.CreateApiService(
            rp.CreateApiServiceRequest(
                api_service=rp.ApiService(
                    code="master.departments.list",
                    name="科室列表",
                    category="master_data",
                    method=rp.HTTP_METHOD_GET,
                    path="/v1/departments",
                    upstream_id=upstream.upstream_id,
                    upstream_path="/his/v1/departments",
                )
            ),
            metadata=admin,
        ).api_service
        catalog.PublishApiService(
            rp.PublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
        )
        ag.AccessServiceStub(registry).CreateAccessGrant(
            ap.CreateAccessGrantRequest(
                access_grant=ap.AccessGrant(
                    channel_id=channel.channel_id,
                    channel_code=channel.code,
                    api_service_id=service.api_service_id,
                ),
                reason="联调",
                idempotency_key=str(uuid.uuid4()),
            ),
            metadata=admin,
        )

        platform.start_edge()
        platform.wait_until_edge_knows(channel.channel_id)
        # With ephemeral ports the channel listener's port is known only now: registry is told
        # where to reach it (and what to show in the docs) and restarted, as after a redeploy.
        monkeypatch.setenv("WAILIAN_REGISTRY_EDGE_URL", f"http://127.0.0.1:{platform.channel_port}")
        platform.stop_service("registry")
        platform.restart_service("registry")

    with platform.grpc_channel("registry") as registry, platform.grpc_channel("monitor") as monitor:
        doc = dg.DeveloperServiceStub(registry).GetApiDoc(
            dp.GetApiDocRequest(api_service_id=service.api_service_id), metadata=vendor
        )
        assert doc.api_doc.granted
        (sample,) = [
            s.code
            for s in doc.api_doc.code_samples
            if s.language == "python" and s.credential_kind == idp.CREDENTIAL_KIND_SIGNATURE
        ]
        script = tmp_path / "call_api.py"
        script.write_text(sample, encoding="utf-8")
        ran = subprocess.run(  # the generated sample, run as a vendor would
            [sys.executable, str(script)],
            env={
                **os.environ,
                "WAILIAN_CLIENT_ID": issued.credential.client_id,
                "WAILIAN_CLIENT_SECRET": issued.client_secret,
            },
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert ran.returncode == 0, ran.stderr
        assert ran.stdout.splitlines()[0].startswith("200 "), ran.stdout

        run = (
            tg.ServiceTestingServiceStub(registry)
            .RunApiTest(
                tp.RunApiTestRequest(
                    api_service_id=service.api_service_id,
                    channel_id=channel.channel_id,
                    credential_kind=idp.CREDENTIAL_KIND_SIGNATURE,
                    credential=tp.TestCredential(
                        client_id=issued.credential.client_id,
                        client_secret=issued.client_secret,
                    ),
                    request=tp.TestRequest(method=rp.HTTP_METHOD_GET, path="/v1/departments"),
                    assertions=[tp.Assertion(kind=tp.ASSERTION_KIND_STATUS_EQUALS, expected="200")],
                ),
                metadata=vendor,
            )
            .test_run
        )
        assert run.status == tp.TEST_RUN_STATUS_PASSED, run
        request_id = run.results[0].response.request_id
        assert request_id

        logs = logs_pb2_grpc.AccessLogServiceStub(monitor)

        def logged() -> logs_pb2.AccessLogEntry | None:
            try:
                return logs.GetAccessLog(
                    logs_pb2.GetAccessLogRequest(request_id=request_id), metadata=admin
                ).entry
            except grpc.RpcError as error:
                if error.code() == grpc.StatusCode.NOT_FOUND:
                    return None
                raise

        entry = eventually(logged, what="the test call's access-log entry")
        assert (entry.channel_id, entry.path) == (channel.channel_id, "/v1/departments")
