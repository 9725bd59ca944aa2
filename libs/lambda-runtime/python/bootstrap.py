"""Lambda runtime client for Python 3 (standard library only).

Loads the handler named by _HANDLER (`module.function`, `dir/module.function` or `pkg.module.function`)
from LAMBDA_TASK_ROOT once, then serves invocations from the Runtime API at AWS_LAMBDA_RUNTIME_API.
Output goes to stdout as JSON lines `{level, message, requestId}`; the sandbox adds the rest.
"""
import http.client
import importlib
import io
import json
import logging
import os
import sys
import time
import traceback

API_PREFIX = "/2018-06-01/runtime"
current_request_id = None


class JsonLineWriter(io.TextIOBase):
    """Replaces sys.stdout: every complete line becomes one JSON log line tagged with the request."""

    def __init__(self, target, level):
        super().__init__()
        self._target = target
        self._level = level
        self._pending = ""

    encoding = "utf-8"

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        return self._target.fileno()

    def write(self, text):
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            emit(self._target, self._level, line)
        return len(text)

    def flush(self):
        self._target.flush()


def emit(target, level, message):
    record = {"level": level, "message": message}
    if current_request_id:
        record["requestId"] = current_request_id
    target.write(json.dumps(record) + "\n")
    target.flush()


class JsonLogHandler(logging.Handler):
    def emit(self, record):
        try:
            emit(sys.__stdout__, record.levelname, self.format(record))
        except Exception:  # logging must never break the function
            self.handleError(record)


class LambdaContext:
    def __init__(self, headers):
        self.aws_request_id = headers.get("Lambda-Runtime-Aws-Request-Id", "")
        self._deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms", "0"))
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn", "")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME", "")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME", "")
        self.client_context = parse_json(headers.get("Lambda-Runtime-Client-Context"))
        self.identity = parse_json(headers.get("Lambda-Runtime-Cognito-Identity"))

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


def parse_json(text):
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


class RuntimeApi:
    def __init__(self, address):
        host, _, port = address.partition(":")
        self._connection = http.client.HTTPConnection(host, int(port or 80))

    def request(self, method, path, body=None, headers=None):
        self._connection.request(method, API_PREFIX + path, body=body, headers=headers or {})
        response = self._connection.getresponse()
        return response.headers, response.read()

    def post(self, path, payload, error_type=None):
        headers = {"Content-Type": "application/json"}
        if error_type:
            headers["Lambda-Runtime-Function-Error-Type"] = error_type
        self.request("POST", path, payload.encode("utf-8"), headers)


class RuntimeFault(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


def user_frames(trace):
    """The function's own frames: this client's and the import machinery's are noise to its author."""
    return [
        frame
        for frame in traceback.extract_tb(trace)
        if frame.filename != __file__ and not frame.filename.startswith("<frozen") and "/importlib/" not in frame.filename
    ]


def error_body(error, request_id=None):
    error_type = getattr(error, "error_type", None) or type(error).__name__
    frames = [] if isinstance(error, RuntimeFault) else user_frames(error.__traceback__)
    body = {
        "errorMessage": str(error),
        "errorType": error_type,
        "stackTrace": traceback.format_list(frames),
    }
    if request_id:
        body["requestId"] = request_id
    return body


def load_handler(task_root, handler):
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError:
        raise RuntimeFault("Runtime.MalformedHandlerName", f"Bad handler '{handler}': expected module.function")
    module_name = module_name.replace("/", ".")
    sys.path.insert(0, task_root)
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise RuntimeFault("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {error}")
    except SyntaxError as error:
        raise RuntimeFault("Runtime.UserCodeSyntaxError", f"Syntax error in module '{module_name}': {error}")
    function = getattr(module, function_name, None)
    if not callable(function):
        raise RuntimeFault("Runtime.HandlerNotFound", f"Handler '{function_name}' missing on module '{module_name}'")
    return function


def serve(api, function):
    global current_request_id
    while True:
        headers, body = api.request("GET", "/invocation/next")
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id", "")
        current_request_id = request_id
        trace_id = headers.get("Lambda-Runtime-Trace-Id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        try:
            result = function(json.loads(body), LambdaContext(headers))
        except Exception as error:
            api.post(f"/invocation/{request_id}/error", json.dumps(error_body(error, request_id)), type(error).__name__)
        else:
            try:
                payload = json.dumps(result)
            except (TypeError, ValueError) as error:
                fault = RuntimeFault("Runtime.MarshalError", f"Unable to marshal response: {error}")
                api.post(f"/invocation/{request_id}/error", json.dumps(error_body(fault, request_id)), fault.error_type)
            else:
                api.post(f"/invocation/{request_id}/response", payload)
        current_request_id = None


def main():
    sys.stdout = JsonLineWriter(sys.__stdout__, "INFO")
    root = logging.getLogger()
    root.handlers = [JsonLogHandler()]
    api = RuntimeApi(os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"))
    try:
        function = load_handler(os.environ.get("LAMBDA_TASK_ROOT", "/var/task"), os.environ.get("_HANDLER", ""))
    except Exception as error:
        body = error_body(error)
        emit(sys.__stdout__, "ERROR", f"{body['errorType']}: {body['errorMessage']}")
        api.post("/init/error", json.dumps(body), body["errorType"])
        sys.exit(1)
    serve(api, function)


if __name__ == "__main__":
    main()
