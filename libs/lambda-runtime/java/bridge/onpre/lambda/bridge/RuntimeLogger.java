package onpre.lambda.bridge;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/** One log record per call, as Lambda's LambdaLogger (a multi-line message stays one record). */
final class RuntimeLogger implements LambdaLogger {
  private final BiConsumer<String, String> sink;

  RuntimeLogger(BiConsumer<String, String> sink) {
    this.sink = sink;
  }

  public void log(String message) {
    sink.accept("INFO", message == null ? "null" : message);
  }

  public void log(byte[] message) {
    log(new String(message, StandardCharsets.UTF_8));
  }
}
