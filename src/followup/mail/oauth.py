"""OAuth 2.0 with the user's own client (XOAUTH2 over SMTP and IMAP).

Google: the installed-app loopback flow (google-auth-oauthlib). Microsoft: msal, interactive
with a loopback redirect, or the device code on a terminal without a browser. Only the refresh
token is kept (in the keyring); access tokens are fetched when needed. No client id or secret
ships with followup: the user registers their own app (README, "Mail").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from followup.mail.errors import MailSetupError

GOOGLE_AUTH_URI = "https://accounts.google.com/o/oauth2/auth"
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"
GOOGLE_SCOPES = ["https://mail.google.com/"]
MICROSOFT_AUTHORITY = "https://login.microsoftonline.com/common"
MICROSOFT_SCOPES = [
    "https://outlook.office.com/IMAP.AccessAsUser.All",
    "https://outlook.office.com/SMTP.Send",
]


SIGN_IN_SECONDS = 300  # for the user to sign in in the browser that opened


def xoauth2(user: str, access_token: str) -> str:
    """The SASL XOAUTH2 initial response (before base64), as Google and Microsoft define it."""
    return f"user={user}\x01auth=Bearer {access_token}\x01\x01"


def _google_uris(endpoint: str | None) -> tuple[str, str]:
    if endpoint:
        base = endpoint.rstrip("/")
        return f"{base}/auth", f"{base}/token"
    return GOOGLE_AUTH_URI, GOOGLE_TOKEN_URI


def _microsoft_app(client_id: str, endpoint: str | None) -> Any:
    import msal

    return msal.PublicClientApplication(
        client_id,
        authority=endpoint or MICROSOFT_AUTHORITY,
        instance_discovery=endpoint is None,
    )


def authorize(
    provider: str,
    client_id: str,
    client_secret: str | None,
    *,
    endpoint: str | None = None,
    browser: bool = True,
    say: Callable[[str], None] = print,
) -> str:
    """Sign in once with the user's own client; returns the refresh token to keep."""
    if provider == "google":
        from google_auth_oauthlib.flow import InstalledAppFlow, WSGITimeoutError

        auth_uri, token_uri = _google_uris(endpoint)
        config = {
            "installed": {
                "client_id": client_id,
                "client_secret": client_secret or "",
                "auth_uri": auth_uri,
                "token_uri": token_uri,
                "redirect_uris": ["http://localhost"],
            }
        }
        flow = InstalledAppFlow.from_client_config(config, scopes=GOOGLE_SCOPES)
        try:
            credentials = flow.run_local_server(
                host="127.0.0.1",
                port=0,
                open_browser=browser,
                authorization_prompt_message="Open this address to let followup use your mail: "
                "{url}",
                success_message="followup may now use your mail; you can close this tab.",
                timeout_seconds=SIGN_IN_SECONDS,  # an abandoned sign-in ends, and says so
            )
        except WSGITimeoutError:
            raise MailSetupError(
                f"the Google sign-in was not finished within {SIGN_IN_SECONDS} seconds; "
                "start it again"
            ) from None
        except Exception as exc:  # noqa: BLE001 - oauthlib raises many kinds
            raise MailSetupError(f"Google sign-in failed ({exc})") from None
        token = getattr(credentials, "refresh_token", None)
        if not token:
            raise MailSetupError("Google gave no refresh token; remove followup's access and retry")
        return str(token)
    app = _microsoft_app(client_id, endpoint)
    if browser:
        result = app.acquire_token_interactive(
            scopes=MICROSOFT_SCOPES, port=0, timeout=SIGN_IN_SECONDS
        )
    else:
        flow = app.initiate_device_flow(scopes=MICROSOFT_SCOPES)
        if "user_code" not in flow:
            raise MailSetupError(f"Microsoft sign-in failed ({flow.get('error_description')})")
        say(flow["message"])
        result = app.acquire_token_by_device_flow(flow)
    token = result.get("refresh_token")
    if not token:
        raise MailSetupError(
            f"Microsoft sign-in failed ({result.get('error_description') or result.get('error')})"
        )
    return str(token)


def access_token(
    provider: str,
    client_id: str,
    client_secret: str | None,
    refresh_token: str,
    *,
    endpoint: str | None = None,
) -> tuple[str, str | None]:
    """(a fresh access token, the new refresh token when the provider rotated it)."""
    if provider == "google":
        import google.auth.exceptions
        import google.auth.transport.requests
        from google.oauth2.credentials import Credentials

        _, token_uri = _google_uris(endpoint)
        credentials = Credentials(  # type: ignore[no-untyped-call]
            None,
            refresh_token=refresh_token,
            token_uri=token_uri,
            client_id=client_id,
            client_secret=client_secret or "",
            scopes=GOOGLE_SCOPES,
        )
        try:
            credentials.refresh(google.auth.transport.requests.Request())  # type: ignore[no-untyped-call]
        except (google.auth.exceptions.GoogleAuthError, OSError) as exc:
            raise MailSetupError(
                f"Google refused to renew the sign-in ({exc}); run `followup mail setup` again"
            ) from None
        new = credentials.refresh_token
        return str(credentials.token), (str(new) if new and new != refresh_token else None)
    try:
        result = _microsoft_app(client_id, endpoint).acquire_token_by_refresh_token(
            refresh_token, scopes=MICROSOFT_SCOPES
        )
    except (ValueError, OSError) as exc:
        raise MailSetupError(f"Microsoft sign-in could not be renewed ({exc})") from None
    if "access_token" not in result:
        raise MailSetupError(
            "Microsoft refused to renew the sign-in "
            f"({result.get('error_description') or result.get('error')}); run `followup mail "
            "setup` again"
        )
    new = result.get("refresh_token")
    return str(result["access_token"]), (str(new) if new and new != refresh_token else None)
