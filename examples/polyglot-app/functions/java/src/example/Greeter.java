package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Handler example.Greeter::handleRequest: a RequestHandler on maps (the API Gateway proxy event in,
 * the proxy response out), compiled against aws-lambda-java-core only — no JSON library, so the
 * response body is written by hand.
 */
public class Greeter implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  /** Thrown for the name "fail": Lambda reports it with errorType example.Greeter$GreetingError. */
  public static class GreetingError extends RuntimeException {
    public GreetingError(String message) {
      super(message);
    }
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String name = String.valueOf(field(event, "pathParameters", "name"));
    if (name.equals("fail")) throw new GreetingError("cannot greet " + name);
    if (name.equals("sleep")) pause(8000);
    String body =
        "{"
            + pair("greeting", "hello " + name + " from java " + Runtime.version().feature())
            + ","
            + pair("functionName", context.getFunctionName())
            + ","
            + pair("requestId", context.getAwsRequestId())
            + ","
            + pair("apiRequestId", String.valueOf(field(event, "requestContext", "requestId")))
            + ","
            + pair("path", String.valueOf(event.get("path")))
            + "}";
    return Map.of(
        "statusCode", 200, "headers", Map.of("content-type", "application/json"), "body", body);
  }

  private static Object field(Map<String, Object> event, String outer, String inner) {
    Object section = event.get(outer);
    return section instanceof Map<?, ?> map ? map.get(inner) : null;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static String pair(String key, String value) {
    return quote(key) + ":" + quote(value);
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }
}
