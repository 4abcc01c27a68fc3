"""Published API documentation for vendors, generated from the service definitions: the public
contract (no upstream details), the edge's own error answers, and code samples in curl, Python
and Java that sign requests correctly for each credential kind.

Pure: no gRPC calls, no SQL, no clock. The Python samples use the standard library only and
compute the WAILIAN-HMAC-SHA256 signature exactly as services/identity/signature.py checks it
(tests/unit/test_registry_docs.py runs them against the reference).
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode

from wailian.identity.v1 import identity_pb2
from wailian.registry.v1 import catalog_pb2, developer_pb2

TOKEN = identity_pb2.CREDENTIAL_KIND_TOKEN
SIGNATURE = identity_pb2.CREDENTIAL_KIND_SIGNATURE
MUTUAL_TLS = identity_pb2.CREDENTIAL_KIND_MUTUAL_TLS
LANGUAGES = ("curl", "python", "java")
CREDENTIAL_KINDS = (TOKEN, SIGNATURE, MUTUAL_TLS)
_BODY_METHODS = {"POST", "PUT", "PATCH"}

# What the edge itself answers, whatever the API (docs/calling-the-edge.md), as
# {"error": {"status": ..., "code": ..., "message": ..., "request_id": ...}}.
PLATFORM_ERROR_CODES: tuple[tuple[str, int, str], ...] = (
    (
        "jwt_authn_access_denied",
        401,
        "No credential, or an unknown, expired or wrongly signed access token.",
    ),
    (
        "ext_authz_denied",
        401,
        "A signed request whose signature, timestamp (±300 s) or nonce (used once) is wrong.",
    ),
    (
        "rbac_access_denied_matched_policy[credential_revoked]",
        401,
        "The credential was revoked.",
    ),
    (
        "rbac_access_denied_matched_policy[credential_missing]",
        401,
        "The request carries no credential.",
    ),
    ("rbac_access_denied_matched_policy[channel_disabled]", 403, "The channel is disabled."),
    (
        "rbac_access_denied_matched_policy[ip_not_allowed]",
        403,
        "The caller's IP address is not in the channel's allow-list.",
    ),
    (
        "rbac_access_denied_matched_policy[none]",
        403,
        "The channel is not granted this interface: apply for access in the developer center.",
    ),
    ("route_not_found", 404, "No interface at this method and path (or it is offline)."),
    (
        "local_rate_limited",
        429,
        "Over the channel's requests per second; retry after the Retry-After header (1 s).",
    ),
    (
        "rbac_access_denied_matched_policy[daily_quota_exceeded]",
        429,
        "Today's quota is used up; it renews at midnight, hospital time.",
    ),
    ("ext_authz_error", 503, "The signature check is unavailable; retry shortly."),
)


@dataclass(frozen=True)
class EdgeAddresses:
    """Where vendors reach the edge: the channel listener, and its mutual-TLS listener."""

    base_url: str
    mtls_base_url: str


def platform_error_codes() -> list[catalog_pb2.ApiErrorCode]:
    return [
        catalog_pb2.ApiErrorCode(code=code, http_status=status, description=description)
        for code, status, description in PLATFORM_ERROR_CODES
    ]


def api_doc(
    service: catalog_pb2.ApiService,
    edge: EdgeAddresses,
    *,
    granted: bool = False,
    with_samples: bool = False,
) -> developer_pb2.ApiDoc:
    """The public contract of one API service; its code samples when `with_samples`."""
    doc = developer_pb2.ApiDoc(
        api_service_id=service.api_service_id,
        code=service.code,
        name=service.name,
        category=service.category,
        version=service.version,
        description=service.description,
        status=service.status,
        method=service.method,
        path=service.path,
        base_url=edge.base_url,
        parameters=service.parameters,
        request_schema=service.request_schema,
        response_schema=service.response_schema,
        request_example=service.request_example,
        response_example=service.response_example,
        error_codes=service.error_codes,
        rate_limit_per_second=service.rate_limit_per_second,
        granted=granted,
        deprecation_link=(
            service.deprecation_link
            if service.status == catalog_pb2.API_SERVICE_STATUS_DEPRECATED
            else ""
        ),
    )
    if service.HasField("sunset_time"):
        doc.sunset_time.CopyFrom(service.sunset_time)
    if with_samples:
        doc.code_samples.extend(code_samples(service, edge))
    return doc


@dataclass(frozen=True)
class ExampleRequest:
    """The request the samples send: the path filled in from the parameters' examples."""

    method: str
    path: str
    query_pairs: tuple[tuple[str, str], ...]
    body: str
    headers: tuple[tuple[str, str], ...]

    @property
    def query(self) -> str:
        return urlencode(self.query_pairs, quote_via=quote)

    @property
    def path_with_query(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path


def _compact_json(text: str) -> str:
    try:
        return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
    except ValueError:
        return text


def example_request(service: catalog_pb2.ApiService) -> ExampleRequest:
    """The API called with its parameters' examples and its request example as the body."""
    method = catalog_pb2.HttpMethod.Name(service.method).removeprefix("HTTP_METHOD_")
    if method == "UNSPECIFIED":
        method = "GET"
    path = service.path
    query: list[tuple[str, str]] = []
    headers: list[tuple[str, str]] = []
    for parameter in service.parameters:
        value = parameter.example or ("1" if parameter.type in ("integer", "number") else "")
        if parameter.location == catalog_pb2.PARAMETER_LOCATION_PATH:
            path = path.replace("{" + parameter.name + "}", quote(value or "1", safe=""))
        elif not (parameter.required or parameter.example):
            continue  # optional and without an example: left out of the sample
        elif parameter.location == catalog_pb2.PARAMETER_LOCATION_QUERY:
            query.append((parameter.name, value))
        elif parameter.location == catalog_pb2.PARAMETER_LOCATION_HEADER:
            headers.append((parameter.name, value))
    # A path segment no parameter documents still needs a value to make a callable example.
    while "{" in path and "}" in path[path.index("{") :]:
        start = path.index("{")
        path = path[:start] + "1" + path[path.index("}", start) + 1 :]
    body = _compact_json(service.request_example) if method in _BODY_METHODS else ""
    return ExampleRequest(method, path, tuple(query), body, tuple(headers))


def canonical_query(query: str) -> str:
    """As services/identity/signature.py: decoded, sorted by (name, value), RFC 3986 again."""
    pairs = parse_qsl(query, keep_blank_values=True)
    return "&".join(
        f"{quote(key, safe='-_.~')}={quote(value, safe='-_.~')}" for key, value in sorted(pairs)
    )


def code_samples(
    service: catalog_pb2.ApiService, edge: EdgeAddresses
) -> list[developer_pb2.CodeSample]:
    """curl, Python and Java, for each of the three credential kinds."""
    request = example_request(service)
    title = f"{service.name} ({service.code} {service.version})"
    writers = {"curl": _curl, "python": _python, "java": _java}
    return [
        developer_pb2.CodeSample(
            language=language,
            credential_kind=kind,
            code=writers[language](request, kind, edge, title),
        )
        for language in LANGUAGES
        for kind in CREDENTIAL_KINDS
    ]


# --- curl --------------------------------------------------------------------------------------


def _curl(request: ExampleRequest, kind: int, edge: EdgeAddresses, title: str) -> str:
    extra = "".join(
        f" \\\n  -H {shlex.quote(f'{name}: {value}')}" for name, value in request.headers
    )
    if request.body:
        extra += " \\\n  -H 'Content-Type: application/json' --data-binary \"$BODY\""
    body_line = f"BODY={shlex.quote(request.body)}\n" if request.body else ""
    target = f'"$BASE_URL"{shlex.quote(request.path_with_query)}'
    if kind == TOKEN:
        return (
            f"# {title}: OAuth2 client credentials, then the token as Bearer (valid two hours).\n"
            f"BASE_URL={shlex.quote(edge.base_url)}\n"
            f"{body_line}"
            'TOKEN=$(curl -s "$BASE_URL/oauth2/token" -d grant_type=client_credentials \\\n'
            '  -d client_id="$CLIENT_ID" -d client_secret="$CLIENT_SECRET" \\\n'
            "  | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"access_token\"])')\n"
            f"curl -i -X {request.method} {target} \\\n"
            '  -H "Authorization: Bearer $TOKEN"'
            f"{extra}\n"
        )
    if kind == SIGNATURE:
        return (
            f"# {title}: a WAILIAN-HMAC-SHA256 signed request (openssl).\n"
            f"BASE_URL={shlex.quote(edge.base_url)}\n"
            f"METHOD={request.method}\n"
            f"REQUEST_PATH={shlex.quote(request.path)}\n"
            f"QUERY={shlex.quote(request.query)}\n"
            "# The query decoded, sorted by name then value, RFC 3986-encoded again: recompute it\n"
            "# whenever the query changes.\n"
            f"CANONICAL_QUERY={shlex.quote(canonical_query(request.query))}\n"
            f"BODY={shlex.quote(request.body)}\n"
            "TIMESTAMP=$(date +%s)\n"
            "NONCE=$(openssl rand -hex 16)\n"
            "BODY_SHA256=$(printf '%s' \"$BODY\" | openssl dgst -sha256 -hex | sed 's/^.* //')\n"
            'SIGNATURE=$(printf \'%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n\' "$METHOD" "$REQUEST_PATH" '
            '"$CANONICAL_QUERY" "$TIMESTAMP" "$NONCE" "$BODY_SHA256" \\\n'
            '  | openssl dgst -sha256 -hmac "$CLIENT_SECRET" -binary | base64)\n'
            'URL="$BASE_URL$REQUEST_PATH${QUERY:+?$QUERY}"\n'
            'curl -i -X "$METHOD" "$URL" \\\n'
            '  -H "Authorization: WAILIAN-HMAC-SHA256 client_id=\\"$CLIENT_ID\\",'
            'timestamp=\\"$TIMESTAMP\\",nonce=\\"$NONCE\\",signature=\\"$SIGNATURE\\""'
            f"{extra}\n"
        )
    return (
        f"# {title}: mutual TLS with the client certificate the hospital's channel CA signed.\n"
        f"BASE_URL={shlex.quote(edge.mtls_base_url)}\n"
        f"{body_line}"
        f"curl -i -X {request.method} {target} \\\n"
        "  --cacert edge-ca.pem --cert client.pem --key client.key"
        f"{extra}\n"
    )


# --- Python ------------------------------------------------------------------------------------

_PYTHON_CALL = """

def call(url, headers, context=None):
    request = urllib.request.Request(url, data=BODY or None, method=METHOD, headers=headers)
    if BODY:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30, context=context) as response:
            status, answer, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, answer, body = error.code, error.headers, error.read()
    # Quote the request id when you contact the hospital about a call.
    print(status, answer.get("x-request-id"))
    print(body.decode("utf-8"))
"""


def _python_head(request: ExampleRequest, edge_url: str, title: str, how: str) -> str:
    headers = dict(request.headers)
    return (
        f'"""{title}: {how}."""\n\n'
        "import base64\n"
        "import hashlib\n"
        "import hmac\n"
        "import json\n"
        "import os\n"
        "import secrets\n"
        "import ssl\n"
        "import time\n"
        "import urllib.error\n"
        "import urllib.parse\n"
        "import urllib.request\n\n"
        f"BASE_URL = {edge_url!r}\n"
        'CLIENT_ID = os.environ.get("WAILIAN_CLIENT_ID", "")\n'
        'CLIENT_SECRET = os.environ.get("WAILIAN_CLIENT_SECRET", "")\n'
        f"METHOD = {request.method!r}\n"
        f"PATH_WITH_QUERY = {request.path_with_query!r}\n"
        f"HEADERS = {headers!r}\n"
        f'BODY = {request.body!r}.encode("utf-8")\n'
    )


_PYTHON_SIGN = '''

def canonical_query(query):
    """The query decoded, sorted by (name, value) and RFC 3986-encoded again."""
    pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
    return "&".join(
        urllib.parse.quote(name, safe="-_.~") + "=" + urllib.parse.quote(value, safe="-_.~")
        for name, value in sorted(pairs)
    )


def authorization(method, path_with_query, body, client_id, client_secret, timestamp=None,
                  nonce=None):
    """The Authorization header of one request: now, with a fresh nonce, unless given."""
    path, _, query = path_with_query.partition("?")
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or secrets.token_urlsafe(24)
    string_to_sign = (
        f"{method.upper()}\\n{path}\\n{canonical_query(query)}\\n{timestamp}\\n{nonce}\\n"
        f"{hashlib.sha256(body).hexdigest()}\\n"
    )
    digest = hmac.new(client_secret.encode("utf-8"), string_to_sign.encode("utf-8"),
                      hashlib.sha256).digest()
    signature = base64.b64encode(digest).decode("ascii")
    return (f'WAILIAN-HMAC-SHA256 client_id="{client_id}",timestamp="{timestamp}",'
            f'nonce="{nonce}",signature="{signature}"')
'''


def _python(request: ExampleRequest, kind: int, edge: EdgeAddresses, title: str) -> str:
    if kind == TOKEN:
        return (
            _python_head(request, edge.base_url, title, "OAuth2 client credentials, then Bearer")
            + '''

def access_token():
    """A token for the channel, valid for expires_in seconds (two hours): reuse it till then."""
    form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": CLIENT_ID,
                                   "client_secret": CLIENT_SECRET}).encode()
    with urllib.request.urlopen(BASE_URL + "/oauth2/token", data=form, timeout=30) as response:
        return json.load(response)["access_token"]
'''
            + _PYTHON_CALL
            + """

if __name__ == "__main__":
    call(BASE_URL + PATH_WITH_QUERY, {**HEADERS, "Authorization": "Bearer " + access_token()})
"""
        )
    if kind == SIGNATURE:
        return (
            _python_head(request, edge.base_url, title, "a WAILIAN-HMAC-SHA256 signed request")
            + _PYTHON_SIGN
            + _PYTHON_CALL
            + """

if __name__ == "__main__":
    signed = authorization(METHOD, PATH_WITH_QUERY, BODY, CLIENT_ID, CLIENT_SECRET)
    call(BASE_URL + PATH_WITH_QUERY, {**HEADERS, "Authorization": signed})
"""
        )
    return (
        _python_head(request, edge.mtls_base_url, title, "mutual TLS with a client certificate")
        + _PYTHON_CALL
        + """

if __name__ == "__main__":
    context = ssl.create_default_context(cafile="edge-ca.pem")
    context.load_cert_chain("client.pem", "client.key")
    call(BASE_URL + PATH_WITH_QUERY, dict(HEADERS), context)
"""
    )


# --- Java --------------------------------------------------------------------------------------


def _java_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{escaped}"'


_JAVA_IMPORTS = """import java.io.FileInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
"""

_JAVA_SIGN = """
    /** The query decoded, sorted by (name, value) and RFC 3986-encoded again. */
    static String canonicalQuery(String query) {
        List<String[]> pairs = new ArrayList<>();
        for (String part : query.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {decode(name), decode(value)});
        }
        pairs.sort(Comparator.comparing((String[] p) -> p[0]).thenComparing(p -> p[1]));
        StringJoiner joined = new StringJoiner("&");
        for (String[] p : pairs) joined.add(encode(p[0]) + "=" + encode(p[1]));
        return joined.toString();
    }

    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
            .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    static String authorization(String clientId, String clientSecret) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        StringBuilder bodyHash = new StringBuilder();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (byte b : sha256.digest(BODY.getBytes(StandardCharsets.UTF_8))) {
            bodyHash.append(String.format("%02x", b));
        }
        String stringToSign = METHOD + "\\n" + PATH + "\\n" + canonicalQuery(QUERY) + "\\n"
            + timestamp + "\\n" + nonce + "\\n" + bodyHash + "\\n";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(
            mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        return "WAILIAN-HMAC-SHA256 client_id=\\"" + clientId + "\\",timestamp=\\"" + timestamp
            + "\\",nonce=\\"" + nonce + "\\",signature=\\"" + signature + "\\"";
    }
"""

_JAVA_OAUTH2 = """
    /** A token for the channel, valid for expires_in seconds (two hours): reuse it till then. */
    static String accessToken(HttpClient client, String clientId, String clientSecret)
            throws Exception {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId)
            + "&client_secret=" + encode(clientSecret);
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE_URL + "/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        String answer = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        Pattern field = Pattern.compile("\\"access_token\\"\\\\s*:\\\\s*\\"([^\\"]+)\\"");
        Matcher token = field.matcher(answer);
        if (!token.find()) throw new IllegalStateException("no token: " + answer);
        return token.group(1);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
"""

_JAVA_MTLS = """
    /** client.p12: openssl pkcs12 -export -in client.pem -inkey client.key -out client.p12
     *  edge-ca.p12: keytool -importcert -file edge-ca.pem -keystore edge-ca.p12
     *              -storetype PKCS12 */
    static SSLContext mutualTls() throws Exception {
        char[] password = System.getenv("WAILIAN_KEYSTORE_PASSWORD").toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(new FileInputStream("client.p12"), password);
        KeyManagerFactory keyManagers =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(new FileInputStream("edge-ca.p12"), password);
        TrustManagerFactory trustManagers =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
"""


def _java(request: ExampleRequest, kind: int, edge: EdgeAddresses, title: str) -> str:
    base = edge.mtls_base_url if kind == MUTUAL_TLS else edge.base_url
    publisher = (
        "HttpRequest.BodyPublishers.ofString(BODY)"
        if request.body
        else "HttpRequest.BodyPublishers.noBody()"
    )
    headers = "".join(
        f"\n            .header({_java_string(name)}, {_java_string(value)})"
        for name, value in request.headers
    )
    if request.body:
        headers += '\n            .header("Content-Type", "application/json")'
    if kind == TOKEN:
        how, helpers = "OAuth2 client credentials, then Bearer", _JAVA_OAUTH2
        client = "HttpClient.newHttpClient()"
        credential = (
            '\n            .header("Authorization", "Bearer " + accessToken(client, '
            "clientId, clientSecret))"
        )
    elif kind == SIGNATURE:
        how, helpers = "a WAILIAN-HMAC-SHA256 signed request", _JAVA_SIGN
        client = "HttpClient.newHttpClient()"
        credential = '\n            .header("Authorization", authorization(clientId, clientSecret))'
    else:
        how, helpers = "mutual TLS with a client certificate", _JAVA_MTLS
        client = "HttpClient.newBuilder().sslContext(mutualTls()).build()"
        credential = ""
    return (
        f"// {title}: {how}. Java 11 or later.\n"
        f"{_JAVA_IMPORTS}\n"
        "public class CallApi {\n"
        f"    static final String BASE_URL = {_java_string(base)};\n"
        f"    static final String METHOD = {_java_string(request.method)};\n"
        f"    static final String PATH = {_java_string(request.path)};\n"
        f"    static final String QUERY = {_java_string(request.query)};\n"
        f"    static final String BODY = {_java_string(request.body)};\n"
        f"{helpers}\n"
        "    public static void main(String[] args) throws Exception {\n"
        '        String clientId = System.getenv("WAILIAN_CLIENT_ID");\n'
        '        String clientSecret = System.getenv("WAILIAN_CLIENT_SECRET");\n'
        f"        HttpClient client = {client};\n"
        '        String url = BASE_URL + PATH + (QUERY.isEmpty() ? "" : "?" + QUERY);\n'
        "        HttpRequest request = HttpRequest.newBuilder(URI.create(url))\n"
        f"            .method(METHOD, {publisher}){credential}{headers}\n"
        "            .build();\n"
        "        HttpResponse<String> response = client.send(request, "
        "HttpResponse.BodyHandlers.ofString());\n"
        "        // Quote the request id when you contact the hospital about a call.\n"
        '        System.out.println(response.statusCode() + " "\n'
        '            + response.headers().firstValue("x-request-id").orElse(""));\n'
        "        System.out.println(response.body());\n"
        "    }\n"
        "}\n"
    )
