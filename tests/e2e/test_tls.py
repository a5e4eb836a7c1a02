"""HTTPS at the proxy: a certificate and key in the settings, HSTS, secure cookies, and
a plain-HTTP port that only redirects. (Demo mode stays plain HTTP unless asked.)"""

from __future__ import annotations

import subprocess

import pytest
import requests

from tests.support.hubprocess import USER_PASSWORD, free_port, own_hub


@pytest.fixture(scope="module")
def tls_hub(tmp_path_factory):
    hub = own_hub(tmp_path_factory, "tls")
    folder = hub.data_dir.parent
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    hub.env.update(REDSCHOOL_TLS_CERT=str(cert), REDSCHOOL_TLS_KEY=str(key), REDSCHOOL_HTTP_REDIRECT_PORT=str(free_port()))
    hub.start()
    yield hub
    hub.stop()


def test_the_hub_answers_over_https_with_hsts(tls_hub):
    page = requests.get(tls_hub.url + "hub/login", verify=tls_hub.verify)
    assert page.status_code == 200
    assert page.url.startswith("https://")
    assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_plain_http_is_only_a_redirect_to_https(tls_hub):
    port = tls_hub.env["REDSCHOOL_HTTP_REDIRECT_PORT"]
    answer = requests.get(f"http://127.0.0.1:{port}/hub/login", allow_redirects=False)
    assert answer.status_code == 301
    assert answer.headers["Location"] == f"https://127.0.0.1:{tls_hub.env['REDSCHOOL_PORT']}/hub/login"
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{tls_hub.env['REDSCHOOL_PORT']}/hub/login", timeout=5)


def test_login_cookies_are_secure(tls_hub):
    with requests.Session() as session:
        # verify on each call: a session's own `verify` loses to REQUESTS_CA_BUNDLE in the environment
        session.get(tls_hub.url + "hub/login", verify=tls_hub.verify)
        response = session.post(tls_hub.url + "hub/login", data={"username": "learner1", "password": USER_PASSWORD,
                                                                 "_xsrf": session.cookies.get("_xsrf")}, allow_redirects=False, verify=tls_hub.verify)
    assert response.status_code == 302
    cookies = response.raw.headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in c for c in cookies), cookies
