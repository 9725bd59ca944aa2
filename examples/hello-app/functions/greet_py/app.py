"""GET /py/hello/{name} (HTTP API, payload 2.0): a Python function using only the standard library."""
import json


def _greeting():
    # The shared layer is copied into /opt.
    try:
        with open("/opt/shared/messages.json", encoding="utf-8") as messages:
            return json.load(messages)["greeting"]
    except (OSError, ValueError, KeyError):
        return "Hello"


def _username(event):
    authorizer = (event.get("requestContext") or {}).get("authorizer") or {}
    claims = (authorizer.get("jwt") or {}).get("claims") or authorizer.get("claims") or {}
    return claims.get("cognito:username", "anonymous")


def handler(event, context):
    name = (event.get("pathParameters") or {}).get("name", "world")
    body = {
        "message": f"{_greeting()}, {name}!",
        "caller": _username(event),
        "runtime": "python",
        "function": getattr(context, "function_name", None),
    }
    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}
