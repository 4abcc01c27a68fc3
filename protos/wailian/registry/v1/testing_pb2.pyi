import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.identity.v1 import identity_pb2 as _identity_pb2
from wailian.registry.v1 import catalog_pb2 as _catalog_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AssertionKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ASSERTION_KIND_UNSPECIFIED: _ClassVar[AssertionKind]
    ASSERTION_KIND_STATUS_EQUALS: _ClassVar[AssertionKind]
    ASSERTION_KIND_HEADER_EQUALS: _ClassVar[AssertionKind]
    ASSERTION_KIND_BODY_CONTAINS: _ClassVar[AssertionKind]
    ASSERTION_KIND_JSON_PATH_EQUALS: _ClassVar[AssertionKind]
    ASSERTION_KIND_JSON_PATH_EXISTS: _ClassVar[AssertionKind]
    ASSERTION_KIND_LATENCY_BELOW: _ClassVar[AssertionKind]
    ASSERTION_KIND_MATCHES_RESPONSE_SCHEMA: _ClassVar[AssertionKind]

class TestRunKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TEST_RUN_KIND_UNSPECIFIED: _ClassVar[TestRunKind]
    TEST_RUN_KIND_AD_HOC: _ClassVar[TestRunKind]
    TEST_RUN_KIND_CASE: _ClassVar[TestRunKind]
    TEST_RUN_KIND_SUITE: _ClassVar[TestRunKind]

class TestRunStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TEST_RUN_STATUS_UNSPECIFIED: _ClassVar[TestRunStatus]
    TEST_RUN_STATUS_RUNNING: _ClassVar[TestRunStatus]
    TEST_RUN_STATUS_PASSED: _ClassVar[TestRunStatus]
    TEST_RUN_STATUS_FAILED: _ClassVar[TestRunStatus]
    TEST_RUN_STATUS_ERROR: _ClassVar[TestRunStatus]
ASSERTION_KIND_UNSPECIFIED: AssertionKind
ASSERTION_KIND_STATUS_EQUALS: AssertionKind
ASSERTION_KIND_HEADER_EQUALS: AssertionKind
ASSERTION_KIND_BODY_CONTAINS: AssertionKind
ASSERTION_KIND_JSON_PATH_EQUALS: AssertionKind
ASSERTION_KIND_JSON_PATH_EXISTS: AssertionKind
ASSERTION_KIND_LATENCY_BELOW: AssertionKind
ASSERTION_KIND_MATCHES_RESPONSE_SCHEMA: AssertionKind
TEST_RUN_KIND_UNSPECIFIED: TestRunKind
TEST_RUN_KIND_AD_HOC: TestRunKind
TEST_RUN_KIND_CASE: TestRunKind
TEST_RUN_KIND_SUITE: TestRunKind
TEST_RUN_STATUS_UNSPECIFIED: TestRunStatus
TEST_RUN_STATUS_RUNNING: TestRunStatus
TEST_RUN_STATUS_PASSED: TestRunStatus
TEST_RUN_STATUS_FAILED: TestRunStatus
TEST_RUN_STATUS_ERROR: TestRunStatus

class HttpHeader(_message.Message):
    __slots__ = ("name", "value")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: str
    def __init__(self, name: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class QueryParameter(_message.Message):
    __slots__ = ("name", "value")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: str
    def __init__(self, name: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class TestRequest(_message.Message):
    __slots__ = ("method", "path", "query", "headers", "body")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    method: _catalog_pb2.HttpMethod
    path: str
    query: _containers.RepeatedCompositeFieldContainer[QueryParameter]
    headers: _containers.RepeatedCompositeFieldContainer[HttpHeader]
    body: str
    def __init__(self, method: _Optional[_Union[_catalog_pb2.HttpMethod, str]] = ..., path: _Optional[str] = ..., query: _Optional[_Iterable[_Union[QueryParameter, _Mapping]]] = ..., headers: _Optional[_Iterable[_Union[HttpHeader, _Mapping]]] = ..., body: _Optional[str] = ...) -> None: ...

class TestResponse(_message.Message):
    __slots__ = ("status_code", "headers", "body", "body_truncated", "latency", "request_id", "error")
    STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    BODY_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    status_code: int
    headers: _containers.RepeatedCompositeFieldContainer[HttpHeader]
    body: str
    body_truncated: bool
    latency: _duration_pb2.Duration
    request_id: str
    error: str
    def __init__(self, status_code: _Optional[int] = ..., headers: _Optional[_Iterable[_Union[HttpHeader, _Mapping]]] = ..., body: _Optional[str] = ..., body_truncated: _Optional[bool] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., request_id: _Optional[str] = ..., error: _Optional[str] = ...) -> None: ...

class Assertion(_message.Message):
    __slots__ = ("kind", "target", "expected")
    KIND_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_FIELD_NUMBER: _ClassVar[int]
    kind: AssertionKind
    target: str
    expected: str
    def __init__(self, kind: _Optional[_Union[AssertionKind, str]] = ..., target: _Optional[str] = ..., expected: _Optional[str] = ...) -> None: ...

class AssertionResult(_message.Message):
    __slots__ = ("assertion", "passed", "actual")
    ASSERTION_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_FIELD_NUMBER: _ClassVar[int]
    assertion: Assertion
    passed: bool
    actual: str
    def __init__(self, assertion: _Optional[_Union[Assertion, _Mapping]] = ..., passed: _Optional[bool] = ..., actual: _Optional[str] = ...) -> None: ...

class TestCase(_message.Message):
    __slots__ = ("test_case_id", "name", "api_service_id", "api_service_code", "request", "assertions", "description", "channel_id", "credential_kind", "audit")
    TEST_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    ASSERTIONS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_KIND_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    test_case_id: str
    name: str
    api_service_id: str
    api_service_code: str
    request: TestRequest
    assertions: _containers.RepeatedCompositeFieldContainer[Assertion]
    description: str
    channel_id: str
    credential_kind: _identity_pb2.CredentialKind
    audit: _common_pb2.AuditInfo
    def __init__(self, test_case_id: _Optional[str] = ..., name: _Optional[str] = ..., api_service_id: _Optional[str] = ..., api_service_code: _Optional[str] = ..., request: _Optional[_Union[TestRequest, _Mapping]] = ..., assertions: _Optional[_Iterable[_Union[Assertion, _Mapping]]] = ..., description: _Optional[str] = ..., channel_id: _Optional[str] = ..., credential_kind: _Optional[_Union[_identity_pb2.CredentialKind, str]] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class TestSuite(_message.Message):
    __slots__ = ("test_suite_id", "name", "description", "test_case_ids", "channel_id", "stop_on_failure", "audit")
    TEST_SUITE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    TEST_CASE_IDS_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    STOP_ON_FAILURE_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    test_suite_id: str
    name: str
    description: str
    test_case_ids: _containers.RepeatedScalarFieldContainer[str]
    channel_id: str
    stop_on_failure: bool
    audit: _common_pb2.AuditInfo
    def __init__(self, test_suite_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., test_case_ids: _Optional[_Iterable[str]] = ..., channel_id: _Optional[str] = ..., stop_on_failure: _Optional[bool] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class TestResult(_message.Message):
    __slots__ = ("test_case_id", "test_case_name", "api_service_id", "request", "response", "assertions", "passed")
    TEST_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    TEST_CASE_NAME_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    ASSERTIONS_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    test_case_id: str
    test_case_name: str
    api_service_id: str
    request: TestRequest
    response: TestResponse
    assertions: _containers.RepeatedCompositeFieldContainer[AssertionResult]
    passed: bool
    def __init__(self, test_case_id: _Optional[str] = ..., test_case_name: _Optional[str] = ..., api_service_id: _Optional[str] = ..., request: _Optional[_Union[TestRequest, _Mapping]] = ..., response: _Optional[_Union[TestResponse, _Mapping]] = ..., assertions: _Optional[_Iterable[_Union[AssertionResult, _Mapping]]] = ..., passed: _Optional[bool] = ...) -> None: ...

class TestRun(_message.Message):
    __slots__ = ("test_run_id", "kind", "test_suite_id", "test_case_id", "channel_id", "status", "results", "passed_count", "failed_count", "start_time", "end_time", "started_by", "api_service_ids", "error")
    TEST_RUN_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TEST_SUITE_ID_FIELD_NUMBER: _ClassVar[int]
    TEST_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    PASSED_COUNT_FIELD_NUMBER: _ClassVar[int]
    FAILED_COUNT_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    STARTED_BY_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_IDS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    test_run_id: str
    kind: TestRunKind
    test_suite_id: str
    test_case_id: str
    channel_id: str
    status: TestRunStatus
    results: _containers.RepeatedCompositeFieldContainer[TestResult]
    passed_count: int
    failed_count: int
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    started_by: str
    api_service_ids: _containers.RepeatedScalarFieldContainer[str]
    error: str
    def __init__(self, test_run_id: _Optional[str] = ..., kind: _Optional[_Union[TestRunKind, str]] = ..., test_suite_id: _Optional[str] = ..., test_case_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., status: _Optional[_Union[TestRunStatus, str]] = ..., results: _Optional[_Iterable[_Union[TestResult, _Mapping]]] = ..., passed_count: _Optional[int] = ..., failed_count: _Optional[int] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., started_by: _Optional[str] = ..., api_service_ids: _Optional[_Iterable[str]] = ..., error: _Optional[str] = ...) -> None: ...

class TestCredential(_message.Message):
    __slots__ = ("client_id", "client_secret", "certificate_pem", "private_key_pem")
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_SECRET_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_KEY_PEM_FIELD_NUMBER: _ClassVar[int]
    client_id: str
    client_secret: str
    certificate_pem: str
    private_key_pem: str
    def __init__(self, client_id: _Optional[str] = ..., client_secret: _Optional[str] = ..., certificate_pem: _Optional[str] = ..., private_key_pem: _Optional[str] = ...) -> None: ...

class RunApiTestRequest(_message.Message):
    __slots__ = ("api_service_id", "channel_id", "credential_kind", "request", "assertions", "timeout", "credential")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_KIND_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    ASSERTIONS_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    channel_id: str
    credential_kind: _identity_pb2.CredentialKind
    request: TestRequest
    assertions: _containers.RepeatedCompositeFieldContainer[Assertion]
    timeout: _duration_pb2.Duration
    credential: TestCredential
    def __init__(self, api_service_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., credential_kind: _Optional[_Union[_identity_pb2.CredentialKind, str]] = ..., request: _Optional[_Union[TestRequest, _Mapping]] = ..., assertions: _Optional[_Iterable[_Union[Assertion, _Mapping]]] = ..., timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., credential: _Optional[_Union[TestCredential, _Mapping]] = ...) -> None: ...

class RunApiTestResponse(_message.Message):
    __slots__ = ("test_run",)
    TEST_RUN_FIELD_NUMBER: _ClassVar[int]
    test_run: TestRun
    def __init__(self, test_run: _Optional[_Union[TestRun, _Mapping]] = ...) -> None: ...

class CreateTestCaseRequest(_message.Message):
    __slots__ = ("test_case",)
    TEST_CASE_FIELD_NUMBER: _ClassVar[int]
    test_case: TestCase
    def __init__(self, test_case: _Optional[_Union[TestCase, _Mapping]] = ...) -> None: ...

class CreateTestCaseResponse(_message.Message):
    __slots__ = ("test_case",)
    TEST_CASE_FIELD_NUMBER: _ClassVar[int]
    test_case: TestCase
    def __init__(self, test_case: _Optional[_Union[TestCase, _Mapping]] = ...) -> None: ...

class GetTestCaseRequest(_message.Message):
    __slots__ = ("test_case_id",)
    TEST_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    test_case_id: str
    def __init__(self, test_case_id: _Optional[str] = ...) -> None: ...

class GetTestCaseResponse(_message.Message):
    __slots__ = ("test_case",)
    TEST_CASE_FIELD_NUMBER: _ClassVar[int]
    test_case: TestCase
    def __init__(self, test_case: _Optional[_Union[TestCase, _Mapping]] = ...) -> None: ...

class ListTestCasesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "api_service_id", "query")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    api_service_id: str
    query: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., api_service_id: _Optional[str] = ..., query: _Optional[str] = ...) -> None: ...

class ListTestCasesResponse(_message.Message):
    __slots__ = ("test_cases", "next_page_token", "total_size")
    TEST_CASES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    test_cases: _containers.RepeatedCompositeFieldContainer[TestCase]
    next_page_token: str
    total_size: int
    def __init__(self, test_cases: _Optional[_Iterable[_Union[TestCase, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateTestCaseRequest(_message.Message):
    __slots__ = ("test_case_id", "test_case", "update_mask")
    TEST_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    TEST_CASE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    test_case_id: str
    test_case: TestCase
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, test_case_id: _Optional[str] = ..., test_case: _Optional[_Union[TestCase, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateTestCaseResponse(_message.Message):
    __slots__ = ("test_case",)
    TEST_CASE_FIELD_NUMBER: _ClassVar[int]
    test_case: TestCase
    def __init__(self, test_case: _Optional[_Union[TestCase, _Mapping]] = ...) -> None: ...

class DeleteTestCaseRequest(_message.Message):
    __slots__ = ("test_case_id",)
    TEST_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    test_case_id: str
    def __init__(self, test_case_id: _Optional[str] = ...) -> None: ...

class DeleteTestCaseResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RunTestCaseRequest(_message.Message):
    __slots__ = ("test_case_id", "channel_id", "credential")
    TEST_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    test_case_id: str
    channel_id: str
    credential: TestCredential
    def __init__(self, test_case_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., credential: _Optional[_Union[TestCredential, _Mapping]] = ...) -> None: ...

class RunTestCaseResponse(_message.Message):
    __slots__ = ("test_run",)
    TEST_RUN_FIELD_NUMBER: _ClassVar[int]
    test_run: TestRun
    def __init__(self, test_run: _Optional[_Union[TestRun, _Mapping]] = ...) -> None: ...

class CreateTestSuiteRequest(_message.Message):
    __slots__ = ("test_suite",)
    TEST_SUITE_FIELD_NUMBER: _ClassVar[int]
    test_suite: TestSuite
    def __init__(self, test_suite: _Optional[_Union[TestSuite, _Mapping]] = ...) -> None: ...

class CreateTestSuiteResponse(_message.Message):
    __slots__ = ("test_suite",)
    TEST_SUITE_FIELD_NUMBER: _ClassVar[int]
    test_suite: TestSuite
    def __init__(self, test_suite: _Optional[_Union[TestSuite, _Mapping]] = ...) -> None: ...

class GetTestSuiteRequest(_message.Message):
    __slots__ = ("test_suite_id",)
    TEST_SUITE_ID_FIELD_NUMBER: _ClassVar[int]
    test_suite_id: str
    def __init__(self, test_suite_id: _Optional[str] = ...) -> None: ...

class GetTestSuiteResponse(_message.Message):
    __slots__ = ("test_suite",)
    TEST_SUITE_FIELD_NUMBER: _ClassVar[int]
    test_suite: TestSuite
    def __init__(self, test_suite: _Optional[_Union[TestSuite, _Mapping]] = ...) -> None: ...

class ListTestSuitesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "query")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    query: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., query: _Optional[str] = ...) -> None: ...

class ListTestSuitesResponse(_message.Message):
    __slots__ = ("test_suites", "next_page_token", "total_size")
    TEST_SUITES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    test_suites: _containers.RepeatedCompositeFieldContainer[TestSuite]
    next_page_token: str
    total_size: int
    def __init__(self, test_suites: _Optional[_Iterable[_Union[TestSuite, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateTestSuiteRequest(_message.Message):
    __slots__ = ("test_suite_id", "test_suite", "update_mask")
    TEST_SUITE_ID_FIELD_NUMBER: _ClassVar[int]
    TEST_SUITE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    test_suite_id: str
    test_suite: TestSuite
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, test_suite_id: _Optional[str] = ..., test_suite: _Optional[_Union[TestSuite, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateTestSuiteResponse(_message.Message):
    __slots__ = ("test_suite",)
    TEST_SUITE_FIELD_NUMBER: _ClassVar[int]
    test_suite: TestSuite
    def __init__(self, test_suite: _Optional[_Union[TestSuite, _Mapping]] = ...) -> None: ...

class DeleteTestSuiteRequest(_message.Message):
    __slots__ = ("test_suite_id",)
    TEST_SUITE_ID_FIELD_NUMBER: _ClassVar[int]
    test_suite_id: str
    def __init__(self, test_suite_id: _Optional[str] = ...) -> None: ...

class DeleteTestSuiteResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RunTestSuiteRequest(_message.Message):
    __slots__ = ("test_suite_id", "channel_id", "credentials")
    TEST_SUITE_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CREDENTIALS_FIELD_NUMBER: _ClassVar[int]
    test_suite_id: str
    channel_id: str
    credentials: _containers.RepeatedCompositeFieldContainer[TestCredentialOfKind]
    def __init__(self, test_suite_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., credentials: _Optional[_Iterable[_Union[TestCredentialOfKind, _Mapping]]] = ...) -> None: ...

class TestCredentialOfKind(_message.Message):
    __slots__ = ("kind", "credential")
    KIND_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    kind: _identity_pb2.CredentialKind
    credential: TestCredential
    def __init__(self, kind: _Optional[_Union[_identity_pb2.CredentialKind, str]] = ..., credential: _Optional[_Union[TestCredential, _Mapping]] = ...) -> None: ...

class RunTestSuiteResponse(_message.Message):
    __slots__ = ("test_run",)
    TEST_RUN_FIELD_NUMBER: _ClassVar[int]
    test_run: TestRun
    def __init__(self, test_run: _Optional[_Union[TestRun, _Mapping]] = ...) -> None: ...

class GetTestRunRequest(_message.Message):
    __slots__ = ("test_run_id",)
    TEST_RUN_ID_FIELD_NUMBER: _ClassVar[int]
    test_run_id: str
    def __init__(self, test_run_id: _Optional[str] = ...) -> None: ...

class GetTestRunResponse(_message.Message):
    __slots__ = ("test_run",)
    TEST_RUN_FIELD_NUMBER: _ClassVar[int]
    test_run: TestRun
    def __init__(self, test_run: _Optional[_Union[TestRun, _Mapping]] = ...) -> None: ...

class ListTestRunsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "api_service_id", "test_case_id", "test_suite_id", "status", "start_time_range")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    TEST_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    TEST_SUITE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    START_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    api_service_id: str
    test_case_id: str
    test_suite_id: str
    status: TestRunStatus
    start_time_range: _common_pb2.TimeRange
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., api_service_id: _Optional[str] = ..., test_case_id: _Optional[str] = ..., test_suite_id: _Optional[str] = ..., status: _Optional[_Union[TestRunStatus, str]] = ..., start_time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class ListTestRunsResponse(_message.Message):
    __slots__ = ("test_runs", "next_page_token", "total_size")
    TEST_RUNS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    test_runs: _containers.RepeatedCompositeFieldContainer[TestRun]
    next_page_token: str
    total_size: int
    def __init__(self, test_runs: _Optional[_Iterable[_Union[TestRun, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...
