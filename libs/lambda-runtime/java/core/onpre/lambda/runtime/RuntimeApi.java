package onpre.lambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/** The Lambda Runtime API at AWS_LAMBDA_RUNTIME_API (HttpURLConnection: cheap to load at init). */
final class RuntimeApi {
  private final String base;

  RuntimeApi(String address) {
    if (address == null || address.isEmpty()) {
      throw new IllegalStateException("AWS_LAMBDA_RUNTIME_API is not set");
    }
    this.base = "http://" + address + "/2018-06-01/runtime";
  }

  /** One invocation's headers and event, as the Runtime API hands them out. */
  record Invocation(
      String requestId,
      long deadlineMs,
      String invokedFunctionArn,
      String traceId,
      String clientContext,
      String cognitoIdentity,
      byte[] event) {}

  Invocation next() throws IOException {
    HttpURLConnection connection = open("/invocation/next");
    connection.setRequestMethod("GET");
    int status = connection.getResponseCode();
    if (status != 200) throw new IOException("Runtime API answered " + status + " to next");
    byte[] event;
    try (InputStream in = connection.getInputStream()) {
      event = in.readAllBytes();
    }
    String deadline = connection.getHeaderField("Lambda-Runtime-Deadline-Ms");
    return new Invocation(
        connection.getHeaderField("Lambda-Runtime-Aws-Request-Id"),
        deadline == null ? System.currentTimeMillis() : Long.parseLong(deadline),
        connection.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
        connection.getHeaderField("Lambda-Runtime-Trace-Id"),
        connection.getHeaderField("Lambda-Runtime-Client-Context"),
        connection.getHeaderField("Lambda-Runtime-Cognito-Identity"),
        event);
  }

  void respond(String requestId, byte[] body) throws IOException {
    post("/invocation/" + requestId + "/response", body, null);
  }

  void fail(String requestId, byte[] errorBody, String errorType) throws IOException {
    post("/invocation/" + requestId + "/error", errorBody, errorType);
  }

  void failInit(byte[] errorBody, String errorType) throws IOException {
    post("/init/error", errorBody, errorType);
  }

  private HttpURLConnection open(String path) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(base + path).openConnection();
    connection.setReadTimeout(0);
    return connection;
  }

  private void post(String path, byte[] body, String errorType) throws IOException {
    HttpURLConnection connection = open(path);
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(body.length);
    connection.setRequestProperty("Content-Type", "application/json");
    if (errorType != null) connection.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }
    int status = connection.getResponseCode();
    try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      if (in != null) in.readAllBytes();
    }
  }
}
